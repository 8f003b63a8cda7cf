package slapmon.runtime.state;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import slapmon.runtime.json.Json;

/**
 * Times one publish (global states, RSS feed, series, document lists) over N status files, next
 * to the baseline of only reading and parsing those files with Jackson; run by {@code
 * bench/state/run.sh}. Arguments: N, rounds, warm-up rounds, a scratch folder.
 */
final class StateBenchmark {
  private StateBenchmark() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int warmUp = Integer.parseInt(args[2]);
    Path dir = Path.of(args[3]);
    Instant now = Instant.parse("2026-11-24T10:47:01Z");
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    for (int i = 1; i <= count; i++) {
      boolean ok = i % 20 != 0;
      files.write(
          "promise-" + i, ok, now, now.minusSeconds(i), (ok ? "success " : "failed ") + i + "\n");
    }
    StatePublisher publisher = new StatePublisher(Fixtures.settings(dir));
    RunnerHealth health = new RunnerHealth(Optional.of(now), now.plusSeconds(60), Duration.ofSeconds(60));
    long[] baseline = new long[rounds];
    long[] publish = new long[rounds];
    long[] inMemory = new long[rounds];
    GlobalDocuments documents = new GlobalDocuments(Fixtures.settings(dir), Links.of(Fixtures.settings(dir)));
    FeedWriter feed = new FeedWriter("Monitor", "Monitor ROOT", Links.of(Fixtures.settings(dir)));
    for (int round = -warmUp; round < rounds; round++) {
      long start = System.nanoTime();
      int parsed = parseAll(dir.resolve("public"));
      long middle = System.nanoTime();
      PublishSummary summary = publisher.publish(now.plusSeconds(60L * (round + warmUp)), health);
      long end = System.nanoTime();
      long built = buildInMemory(dir.resolve("public"), documents, feed, now, health);
      long afterBuild = System.nanoTime();
      if (built == 0 || parsed < count || summary.success() + summary.error() != count) {
        throw new IllegalStateException("expected " + count + " statuses, parsed " + parsed + ", published " + summary);
      }
      if (round >= 0) {
        baseline[round] = middle - start;
        publish[round] = end - middle;
        inMemory[round] = afterBuild - end;
      }
    }
    System.out.printf(
        "%d %.2f %.2f %.2f %d%n",
        count, median(baseline) / 1e6, median(publish) / 1e6, median(inMemory) / 1e6,
        Files.size(dir.resolve("public/feed")));
  }

  /** The same work as a publish without the writes: read, build both states, render the feed. */
  private static long buildInMemory(
      Path folder, GlobalDocuments documents, FeedWriter feed, Instant now, RunnerHealth health)
      throws IOException {
    StatusFolder.Snapshot snapshot = StatusFolder.read(folder);
    Tally tally = Tally.of(snapshot.statuses());
    long size = Json.bytes(documents.privateState(now, tally, snapshot, health, Optional.empty())).length;
    size += Json.bytes(documents.publicState(now, tally, health)).length;
    return size + feed.render(now, snapshot.statuses()).length;
  }

  /** The baseline: list the status files and parse each with Jackson, nothing else. */
  private static int parseAll(Path folder) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.status.json")) {
      stream.forEach(paths::add);
    }
    int parsed = 0;
    for (Path path : paths) {
      if (Json.read(path).isObject()) {
        parsed++;
      }
    }
    return parsed;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }
}
