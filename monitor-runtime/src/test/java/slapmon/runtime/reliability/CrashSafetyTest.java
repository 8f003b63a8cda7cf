package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.launch.SlapmonProcess;
import slapmon.runtime.json.Json;

/**
 * {@code slapmon run} killed with SIGKILL at random instants and restarted, again and again, on a
 * partition whose promises never change status (some fail, some are slow): after every kill every
 * JSON, RSS and OPML file parses, every history entry that was on disk before the kill is still
 * there, and every change-time is the one first published. Quick: 40 promises, 6 kills; full
 * ({@code -Preliability}): 200 promises, 100 kills.
 */
final class CrashSafetyTest {
  private static final Map<String, String> NEW_YORK = Map.of("TZ", "America/New_York");

  @TempDir Path dir;

  @Test
  void sigkill_at_random_instants_loses_no_history_entry_and_no_change_time() throws Exception {
    int promises = Sizes.of(40, 200);
    int kills = Sizes.of(6, 100);
    ReliabilityPartition partition =
        new ReliabilityPartition(dir).steadyPromises(promises, "0.3").timeoutSeconds(5).writeConf();
    Random random = new Random(Long.getLong("slapmon.reliability.seed", 8L));
    Map<String, BigDecimal> firstChangeTimes = new HashMap<>();
    int filesChecked = 0;
    int entriesLost = 0;
    int entriesSeen = 0;
    for (int kill = 1; kill <= kills; kill++) {
      Process monitor = start(partition);
      // The first kill once every promise has published (so that history is on disk for the
      // next kills to lose, whatever the machine's load); then one kill in five while the JVM
      // starts or bootstraps, the others from 0 to 3 s (three periods) after it said it is
      // monitoring: in runs, history writes, the state publication.
      if (kill == 1) {
        awaitStarted();
        awaitAllStatuses(partition.publicFolder, promises);
        TimeUnit.MILLISECONDS.sleep(random.nextInt(1000));
      } else if (random.nextInt(5) == 0) {
        TimeUnit.MILLISECONDS.sleep(100 + random.nextInt(1500));
      } else {
        awaitStarted();
        TimeUnit.MILLISECONDS.sleep(random.nextInt(3000));
      }
      Map<String, List<JsonNode>> before = histories(partition.publicFolder);
      monitor.destroyForcibly();
      assertThat(monitor.waitFor(30, TimeUnit.SECONDS)).isTrue();

      filesChecked += PublishedFiles.assertAllParse(partition.monitorFolder);
      Map<String, List<JsonNode>> after = histories(partition.publicFolder);
      for (Map.Entry<String, List<JsonNode>> history : before.entrySet()) {
        List<JsonNode> kept = after.getOrDefault(history.getKey(), List.of());
        List<JsonNode> expected = history.getValue();
        entriesSeen += expected.size();
        int matching = 0;
        while (matching < Math.min(kept.size(), expected.size())
            && kept.get(matching).equals(expected.get(matching))) {
          matching++;
        }
        entriesLost += expected.size() - matching;
      }
      recordChangeTimes(partition.publicFolder, firstChangeTimes);
    }
    // A last start and a clean stop: the killed writers' temporary files are gone.
    Process last = start(partition);
    awaitStarted();
    awaitAllStatuses(partition.publicFolder, promises);
    last.destroy();
    assertThat(last.waitFor(30, TimeUnit.SECONDS)).isTrue();
    filesChecked += PublishedFiles.assertAllParse(partition.monitorFolder);
    recordChangeTimes(partition.publicFolder, firstChangeTimes);
    try (Stream<Path> files = Files.walk(partition.monitorFolder)) {
      assertThat(files.map(Path::toString).filter(n -> n.contains(".tmp-")))
          .as("temporary files left by the killed runs (" + partition.monitorFolder + ")")
          .isEmpty();
    }

    String report =
        String.format(
            "crash-safety: %d promises, kills survived %d / files checked %d / history entries"
                + " checked %d / entries lost %d%n",
            promises, kills, filesChecked, entriesSeen, entriesLost);
    System.out.print(report);
    Reports.write("crash-safety.txt", report);
    assertThat(entriesSeen).as("history entries on disk before the kills").isPositive();
    assertThat(entriesLost).as("history entries lost").isZero();
    assertThat(firstChangeTimes).as("promises that published a status").hasSize(promises);
  }

  private Process start(ReliabilityPartition partition) throws IOException {
    return SlapmonProcess.start(
        dir, NEW_YORK, "run", "--config", partition.conf.toString(), "--period", "1");
  }

  /** Each promise's history entries as the file holds them now. */
  private static Map<String, List<JsonNode>> histories(Path folder) throws IOException {
    Map<String, List<JsonNode>> histories = new HashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".history.json")).toList()) {
        JsonNode data = Json.read(file).get("data");
        histories.put(file.getFileName().toString(), List.copyOf(iterable(data)));
      }
    }
    return histories;
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> list = new java.util.ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  /** Statuses never change here, so each promise's change-time must stay the first one seen. */
  private static void recordChangeTimes(Path folder, Map<String, BigDecimal> first)
      throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".status.json")).toList()) {
        JsonNode status = Json.read(file);
        BigDecimal changeTime = status.get("change-time").decimalValue();
        BigDecimal seen = first.putIfAbsent(status.get("title").asText(), changeTime);
        if (seen != null) {
          assertThat(changeTime)
              .as("change-time of " + status.get("title").asText() + " (status unchanged)")
              .isEqualByComparingTo(seen);
        }
      }
    }
  }

  /** Until slapmon (the last started) says it is monitoring: its bootstrap is behind it. */
  private void awaitStarted() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (SlapmonProcess.read(dir, "stdout").contains("slapmon: monitoring")) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError("slapmon did not start within 60 s: " + SlapmonProcess.read(dir, "stderr"));
  }

  private static void awaitAllStatuses(Path folder, int count)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(folder)) {
        if (files.filter(f -> f.toString().endsWith(".status.json")).count() >= count) {
          return;
        }
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError("fewer than " + count + " status files after 60 s");
  }
}
