package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.launch.SlapmonProcess;
import slapmon.runtime.json.Json;

/**
 * {@code slapmon run} started on a partition whose status, history, change-time, state, feed,
 * OPML, data-series and config files were left corrupt (see {@link Corruptions}): it starts, keeps
 * running, and within a few periods every promise has a valid status and history again and every
 * published file parses. Each round plants every corruption at once in another arrangement; quick:
 * 1 round, full ({@code -Preliability}): one round per corruption.
 */
final class CorruptFilesAtStartTest {
  private static final int PROMISES = 12;

  @TempDir Path dir;

  @Test
  void corrupt_files_found_at_start_are_set_aside_or_rewritten_and_the_monitor_keeps_running()
      throws Exception {
    List<Corruptions.Corruption> corruptions = Corruptions.all(12L);
    int rounds = Sizes.of(1, corruptions.size());
    int planted = 0;
    for (int round = 0; round < rounds; round++) {
      Path base = Files.createDirectories(dir.resolve("round-" + round));
      ReliabilityPartition partition =
          new ReliabilityPartition(base).steadyPromises(PROMISES, "0.1").timeoutSeconds(5).writeConf();
      // A first, clean run leaves the valid files that are then broken.
      runUntilPublished(partition, base);
      List<String> plantedHere = new ArrayList<>();
      for (int i = 1; i <= PROMISES; i++) {
        Corruptions.Corruption corruption = corruptions.get((i + round) % corruptions.size());
        String name = String.format("steady-%03d", i);
        corrupt(partition.publicFolder.resolve(name + ".status.json"), corruption, plantedHere);
        Corruptions.Corruption other = corruptions.get((i + round + 5) % corruptions.size());
        corrupt(partition.publicFolder.resolve(name + ".history.json"), other, plantedHere);
      }
      Corruptions.Corruption single = corruptions.get(round % corruptions.size());
      for (String file :
          List.of(
              "public/_promise_status",
              "public/feed",
              "public/feeds",
              "public/monitor.global.json",
              "private/monitor.global.json",
              "private/_promise_status",
              "private/data/.jio_documents/monitor_state.data.json",
              "private/data/.jio_documents/monitor_resource.status.json",
              "private/config/.jio_documents/config.json")) {
        corrupt(partition.monitorFolder.resolve(file), single, plantedHere);
      }
      planted += plantedHere.size();

      runUntilPublished(partition, base);

      String stderr = SlapmonProcess.read(base, "stderr");
      assertThat(stderr).as("round %d (%s): slapmon's log", round, plantedHere)
          .doesNotContain("event=tick-failed", "event=run-failed", "event=task-failed");
      for (int i = 1; i <= PROMISES; i++) {
        String name = String.format("steady-%03d", i);
        JsonNode status = Json.read(partition.publicFolder.resolve(name + ".status.json"));
        assertThat(status.get("title").asText()).isEqualTo(name);
        JsonNode history = Json.read(partition.publicFolder.resolve(name + ".history.json"));
        assertThat(history.get("data")).as(name + " history").isNotEmpty();
      }
      PublishedFiles.assertAllParse(partition.monitorFolder);
    }
    String report =
        String.format(
            "corrupt files at start: %d rounds, %d corrupt files planted (%d kinds), all recovered%n",
            rounds, planted, corruptions.size());
    System.out.print(report);
    Reports.write("corrupt-start.txt", report);
  }

  private static void corrupt(Path file, Corruptions.Corruption corruption, List<String> planted)
      throws IOException {
    byte[] valid = Files.exists(file) ? Files.readAllBytes(file) : Corruptions.ascii("{}");
    Files.createDirectories(file.getParent());
    Files.write(file, corruption.apply().apply(valid));
    planted.add(file.getFileName() + ": " + corruption.name());
  }

  /**
   * Runs slapmon until every promise has published twice since its start and the global state
   * has been written after them, then stops it with SIGTERM (a clean stop: exit 0).
   */
  private static void runUntilPublished(ReliabilityPartition partition, Path base)
      throws IOException, InterruptedException {
    long startedAt = System.currentTimeMillis();
    Process monitor =
        SlapmonProcess.start(
            base, Map.of(), "run", "--config", partition.conf.toString(), "--period", "1");
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!published(partition, startedAt)) {
        assertThat(monitor.isAlive()).as("slapmon still running; it said: %s",
            SlapmonProcess.read(base, "stderr")).isTrue();
        assertThat(System.nanoTime()).as("every promise published within 90 s; not rewritten: %s; slapmon said: %s",
            stale(partition, startedAt), SlapmonProcess.read(base, "stderr")).isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } finally {
      monitor.destroy();
      assertThat(monitor.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(monitor.exitValue()).as("exit code of a stop by SIGTERM").isIn(0, 143);
  }

  private static boolean published(ReliabilityPartition partition, long since) throws IOException {
    return stale(partition, since).isEmpty();
  }

  private static List<String> stale(ReliabilityPartition partition, long since) throws IOException {
    List<String> stale = new ArrayList<>();
    for (int i = 1; i <= PROMISES; i++) {
      String name = String.format("steady-%03d", i);
      Path history = partition.publicFolder.resolve(name + ".history.json");
      if (!Files.exists(history) || Files.getLastModifiedTime(history).toMillis() < since + 1500) {
        stale.add(history.getFileName().toString());
      }
    }
    for (String file : List.of("public/monitor.global.json", "public/feed", "public/feeds",
        "private/data/.jio_documents/monitor_state.data.json",
        "private/data/.jio_documents/monitor_resource.status.json",
        "private/config/.jio_documents/config.json")) {
      Path path = partition.monitorFolder.resolve(file);
      // Planted before the start: rewritten when newer than it (the OPML is written once at start,
      // then every 5 minutes).
      if (!Files.exists(path) || Files.getLastModifiedTime(path).toMillis() <= since) {
        stale.add(file);
      }
    }
    return stale;
  }
}
