package slapmon.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §C.1's promise and report cases, ported: the original asserted the cron lines its
 * bootstrap wrote for the files found; slapmon has no cron, so these assert the schedule the
 * runtime derives for the same files, before and after files are added and removed.
 */
final class DerivedScheduleTest {
  @TempDir Path dir;
  private Partition partition;

  @BeforeEach
  void layOut() throws IOException {
    partition = new Partition(dir);
  }

  private Map<String, Executable> scan() throws IOException {
    return Catalog.scan(
        java.util.List.of(partition.promises, partition.monitorPromises),
        Optional.of(partition.reports));
  }

  @Test
  void promises_run_every_minute_and_follow_the_folder() throws IOException {
    for (int i = 1; i <= 3; i++) {
      Partition.ok(partition.promises, "monitor_promise-" + i);
    }
    assertThat(scan()).containsOnlyKeys(
        "PROMISE/monitor_promise-1", "PROMISE/monitor_promise-2", "PROMISE/monitor_promise-3");
    assertThat(scan().values())
        .allSatisfy(e -> assertThat(e.period().every()).isEqualTo(Duration.ofMinutes(1)));
    Partition.ok(partition.promises, "monitor_promise-4");
    Partition.ok(partition.promises, "monitor_promise-5");
    Files.delete(partition.promises.resolve("monitor_promise-2"));
    assertThat(scan()).containsOnlyKeys(
        "PROMISE/monitor_promise-1", "PROMISE/monitor_promise-3",
        "PROMISE/monitor_promise-4", "PROMISE/monitor_promise-5");
  }

  @Test
  void reports_take_their_period_from_their_name() throws IOException {
    for (int i = 1; i <= 3; i++) {
      Partition.ok(partition.reports, "monitor_report-" + i);
    }
    Partition.ok(partition.reports, "check_every_25_minute");
    Partition.ok(partition.reports, "backup_every_3_hour");
    Map<String, Executable> found = scan();
    assertThat(found.get("REPORT/monitor_report-1").period().every()).isEqualTo(Duration.ofMinutes(1));
    assertThat(found.get("REPORT/check").period().every()).isEqualTo(Duration.ofMinutes(25));
    assertThat(found.get("REPORT/backup").period().every()).isEqualTo(Duration.ofHours(3));
    // Once per period, at the same offset each time: an hourly report runs once per hour.
    Duration threeHours = Duration.ofHours(3);
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    Instant first = Schedule.slotAtOrAfter("backup", threeHours, now);
    assertThat(first).isAfterOrEqualTo(now).isBefore(now.plus(threeHours));
    assertThat(Schedule.untilSlot("backup", threeHours, now))
        .isEqualTo(Duration.between(now, first));
    long due = 1_000;
    assertThat(Schedule.slotAfter(due, threeHours, due)).isEqualTo(due + threeHours.toNanos());

    Partition.ok(partition.reports, "monitor_report-4");
    Partition.ok(partition.reports, "monitor_report-5");
    Files.delete(partition.reports.resolve("monitor_report-1"));
    assertThat(scan().keySet())
        .contains("REPORT/monitor_report-4", "REPORT/monitor_report-5")
        .doesNotContain("REPORT/monitor_report-1");
  }
}
