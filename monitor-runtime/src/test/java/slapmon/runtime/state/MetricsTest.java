package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus scrape, from status files in the shape the promise engine writes. */
final class MetricsTest {
  @TempDir Path dir;

  @Test
  void one_series_per_promise_and_the_counts() throws Exception {
    Files.writeString(dir.resolve("web.status.json"),
        "{\"status\":\"OK\",\"title\":\"web\",\"change-time\":1795517221.250,"
            + "\"date\":\"2026-11-24T10:47:01+00:00\",\"execution-time\":0.125,\"start-date\":\"2026-11-24 10:47:01\",\"message\":\"ok\\n\"}");
    Files.writeString(dir.resolve("disk.status.json"),
        "{\"status\":\"ERROR\",\"title\":\"disk \\\"full\\\"\",\"change-time\":1795517000,"
            + "\"date\":\"2026-11-24T10:47:02+00:00\",\"execution-time\":2,\"start-date\":\"2026-11-24 10:47:02\",\"message\":\"no\"}");
    Files.writeString(dir.resolve("torn.status.json"), "{\"status\":");
    String text =
        new String(Metrics.render(dir, Optional.of(Instant.ofEpochSecond(1795517230))), StandardCharsets.UTF_8);
    assertThat(text)
        .contains("monitor_promise_ok{promise=\"web\"} 1.0")
        .contains("monitor_promise_ok{promise=\"disk \\\"full\\\"\"} 0.0")
        .contains("monitor_promise_change_time_seconds{promise=\"web\"} 1.79551722125E9")
        .contains("monitor_promise_duration_seconds{promise=\"web\"} 0.125")
        .contains("monitor_promises{status=\"ERROR\"} 1.0")
        .contains("monitor_promises{status=\"UNREADABLE\"} 1.0")
        .contains("monitor_runner_last_run_seconds 1.79551723E9")
        .contains("# TYPE monitor_promise_ok gauge");
  }
}
