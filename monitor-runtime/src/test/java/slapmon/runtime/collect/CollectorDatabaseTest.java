package slapmon.runtime.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbers of §C.4 ({@code test_monitor_collect.py}), on its own fixture. */
final class CollectorDatabaseTest {
  private static final LocalDate DAY = LocalDate.of(2017, 9, 16);
  private static final Window C4_WINDOW =
      new Window(DAY, LocalTime.of(0, 1), LocalTime.of(0, 13));

  @TempDir Path dir;
  private Path db;

  @BeforeEach
  void load_fixture() throws Exception {
    db = CollectorFixture.load(dir);
  }

  @Test
  void used_memory_average_is_in_mib() throws IOException {
    try (CollectorDatabase collector = CollectorDatabase.open(db)) {
      assertThat(collector.usedMemoryAverage("slapuser15", DAY).getAsDouble())
          .isCloseTo(1195.492578125, within(1e-9));
    }
  }

  @Test
  void cpu_load_average_divides_by_distinct_sample_times() throws IOException {
    try (CollectorDatabase collector = CollectorDatabase.open(db)) {
      assertThat(collector.cpuLoadAverage("slapuser15", DAY).getAsDouble())
          .isCloseTo(2.1599999999999993, within(1e-9));
    }
  }

  @Test
  void disk_used_average_is_in_mib() throws IOException {
    try (CollectorDatabase collector = CollectorDatabase.open(db)) {
      assertThat(collector.diskUsedAverage("slapuser15", LocalDate.of(2017, 4, 18)).getAsDouble())
          .isCloseTo(35.5234375, within(1e-9));
    }
  }

  @Test
  void averages_are_empty_for_a_day_without_rows() throws IOException {
    try (CollectorDatabase collector = CollectorDatabase.open(db)) {
      assertThat(collector.cpuLoadAverage("slapuser15", LocalDate.of(2019, 10, 5))).isEmpty();
      assertThat(collector.diskUsedAverage("slapuser99", DAY)).isEmpty();
    }
  }

  @Test
  void partition_consumption_lists_the_busiest_process_first() throws IOException {
    try (CollectorDatabase collector = CollectorDatabase.open(db)) {
      List<ProcessUsage> processes = collector.processes("slapuser15", C4_WINDOW);
      assertThat(processes.get(0).pid()).isEqualTo(15072);
      assertThat(Numbers.round2(processes.get(0).cpuTime()).doubleValue())
          .isCloseTo(1302.66, within(1e-9));
    }
  }

  @Test
  void partition_consumption_status_sums_the_window() throws IOException {
    try (CollectorDatabase collector = CollectorDatabase.open(db)) {
      PartitionUsage usage = collector.usage("slapuser15", C4_WINDOW);
      assertThat(usage.processes()).isEqualTo(199);
      assertThat(usage.cpuPercent()).isCloseTo(7.3, within(1e-9));
      assertThat(usage.ioRw()).isCloseTo(2822535483392.0, within(1e-3));
      assertThat(usage.date()).isEqualTo("2017-09-16 00:01:00");
      assertThat(usage.diskUsed()).isEmpty();
    }
  }

  @Test
  void a_missing_file_is_not_created() {
    Path missing = dir.resolve("absent.db");
    assertThatThrownBy(() -> CollectorDatabase.open(missing))
        .isInstanceOf(IOException.class)
        .hasMessage(missing + ": collector database not found");
    assertThat(missing).doesNotExist();
  }

  @Test
  void a_file_that_is_not_a_database_is_reported_with_its_path() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.db"), "not sqlite at all, sorry");
    assertThatThrownBy(() -> CollectorDatabase.open(garbage))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(garbage + ": ");
  }
}
