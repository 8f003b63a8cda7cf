package slapmon.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine counts its runs, failures and timeouts for the metrics' {@code _total} counters. */
@Timeout(120)
final class RunCountersTest {
  @TempDir Path dir;

  @Test
  void runs_failures_and_timeouts_are_counted_per_promise() throws Exception {
    Partition partition = new Partition(dir);
    partition.timeout(Duration.ofSeconds(1));
    Partition.ok(partition.promises, "fine");
    Partition.failing(partition.promises, "broken");
    Partition.script(partition.promises, "warns", "echo 'LOAD WARNING'\nexit 1");
    Partition.script(partition.promises, "hangs", "sleep 30");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    try (PromiseEngine engine = PromiseEngine.create(partition.settings(4), clock, clock)) {
      for (int period = 0; period < 3; period++) {
        clock.set(Instant.parse("2026-11-24T10:00:00Z").plus(Duration.ofMinutes(period)));
        engine.tick();
        assertThat(engine.awaitIdle(Duration.ofSeconds(60))).isTrue();
      }
      Map<String, RunCounters.Count> counts =
          engine.counters().snapshot().stream()
              .collect(Collectors.toMap(RunCounters.Count::title, Function.identity()));
      assertThat(counts).containsOnlyKeys("fine", "broken", "warns", "hangs");
      counts.values().forEach(c -> assertThat(c.runs()).as(c.title()).isGreaterThanOrEqualTo(2));
      assertThat(counts.get("fine").failures()).isZero();
      assertThat(counts.get("broken").failures()).isEqualTo(counts.get("broken").runs());
      assertThat(counts.get("broken").timeouts()).isZero();
      // A WARNING is a failed run (legacy status ERROR), not a timeout.
      assertThat(counts.get("warns").failures()).isEqualTo(counts.get("warns").runs());
      assertThat(counts.get("hangs").timeouts()).isEqualTo(counts.get("hangs").runs());
      assertThat(counts.get("hangs").failures()).isEqualTo(counts.get("hangs").runs());
      assertThat(counts.values()).noneMatch(RunCounters.Count::report);
    }
  }
}
