package slapmon.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.promise.RunCounters;
import slapmon.runtime.state.RunnerHealth;

/**
 * A whole scrape, every part present, checked by the real {@code promtool check metrics} (which
 * lints names, types, help and units as Prometheus' conventions say).
 */
final class MonitorMetricsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:48:00Z");

  @TempDir Path dir;

  private MonitorMetrics metrics(Optional<Path> certificate, Optional<Instant> lastRun) {
    return new MonitorMetrics(
        new MonitorMetrics.Sources(
            "Web \"front\"", "My tree", URI.create("https://[2001:db8::1]:8443"), "1.2.3",
            dir.resolve("public"), dir.resolve("private"), certificate,
            now -> new RunnerHealth(lastRun, NOW.plusSeconds(30), Duration.ofSeconds(60)),
            () -> List.of(new RunCounters.Count(false, "web", 3, 2, 1),
                new RunCounters.Count(true, "usage", 1, 0, 0))),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void every_part_and_promtool_finds_nothing_to_say() throws Exception {
    Path publicFolder = Files.createDirectories(dir.resolve("public"));
    Path privateFolder = Files.createDirectories(dir.resolve("private"));
    Path documents = Files.createDirectories(privateFolder.resolve("data/.jio_documents"));
    Files.writeString(publicFolder.resolve("web.status.json"),
        "{\"status\":\"ERROR\",\"title\":\"web\",\"change-time\":1795517221.250,"
            + "\"date\":\"2026-11-24T10:47:01+00:00\",\"execution-time\":0.125,"
            + "\"nagios-status\":\"TIMEOUT\",\"message\":\"killed\"}");
    Files.writeString(documents.resolve("monitor_resource.status.json"),
        "{\"total_process\":14,\"cpu_percent\":7.3,\"cpu_time\":21.71,\"cpu_num_threads\":84,"
            + "\"date\":\"2026-11-24 10:47:00\",\"memory_percent\":12.5,\"memory_rss\":256,"
            + "\"io_rw_counter\":0,\"io_cycles_counter\":0,\"disk_used\":0}");
    Files.writeString(privateFolder.resolve("monitor.sub-monitors.json"),
        "{\"date\":\"2026-11-24T10:45:00+00:00\",\"monitors\":["
            + "{\"url\":\"https://a.example:1\",\"title\":\"A\",\"status\":\"WARNING\","
            + "\"problem\":null,\"placeholder\":false},"
            + "{\"url\":\"https://b.example:2\",\"title\":\"https://b.example:2 (HTTP 503)\","
            + "\"status\":null,\"problem\":\"HTTP 503\",\"placeholder\":true}]}");
    TlsFixture tls = TlsFixture.create(Files.createDirectories(dir.resolve("etc")));
    byte[] scrape = metrics(Optional.of(tls.certificate), Optional.of(NOW.minusSeconds(20))).render();
    String text = new String(scrape, StandardCharsets.UTF_8);

    Promtool.Result lint = Promtool.run(scrape, "check", "metrics");
    assertThat(lint.output()).isEmpty();
    assertThat(lint.exitCode()).isZero();
    assertThat(text)
        .contains("slapmon_build_info{version=\"1.2.3\"} 1")
        .contains("slapmon_monitor_info{base_url=\"https://[2001:db8::1]:8443\","
            + "root_title=\"My tree\",title=\"Web \\\"front\\\"\"} 1")
        .contains("slapmon_promise_state{promise=\"web\",state=\"TIMEOUT\"} 1.0")
        .contains("# TYPE slapmon_promise_runs_total counter")
        .contains("slapmon_promise_runs_total{promise=\"web\"} 3.0")
        .contains("slapmon_promise_failures_total{promise=\"web\"} 2.0")
        .contains("slapmon_promise_timeouts_total{promise=\"web\"} 1.0")
        .contains("slapmon_report_runs_total{report=\"usage\"} 1.0")
        .contains("slapmon_runner_healthy 1.0")
        .contains("slapmon_runner_last_run_timestamp_seconds 1.79551726E9")
        .contains("slapmon_write_failures_total ")
        .contains("slapmon_partition_usage_available 1.0")
        .contains("slapmon_partition_processes 14.0")
        .contains("slapmon_partition_memory_rss_bytes 2.68435456E8")
        .contains("slapmon_partition_cpu_usage_ratio 0.073")
        .doesNotContain("slapmon_partition_disk_used_bytes")
        .contains("slapmon_submonitor_answered{url=\"https://a.example:1\"} 1.0")
        .contains("slapmon_submonitor_answered{url=\"https://b.example:2\"} 0.0")
        .contains("slapmon_submonitor_state{state=\"WARNING\",url=\"https://a.example:1\"} 1.0")
        .contains("slapmon_submonitor_state{state=\"ERROR\",url=\"https://b.example:2\"} 0.0")
        .contains("slapmon_tls_certificate_expiry_timestamp_seconds ")
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .contains("process_cpu_seconds_total ")
        .contains("process_start_time_seconds ");
  }

  /** Before the first run and the first collect: what is unknown is absent, not zero. */
  @Test
  void at_start_nothing_is_made_up() throws Exception {
    byte[] scrape = metrics(Optional.of(dir.resolve("missing.crt")), Optional.empty()).render();
    String text = new String(scrape, StandardCharsets.UTF_8);
    assertThat(Promtool.run(scrape, "check", "metrics").exitCode()).isZero();
    assertThat(text)
        .contains("slapmon_partition_usage_available 0.0")
        .doesNotContain("slapmon_partition_processes")
        .doesNotContain("slapmon_tls_certificate_expiry_timestamp_seconds")
        .doesNotContain("slapmon_runner_last_run_timestamp_seconds ")
        .doesNotContain("slapmon_submonitor_answered{");
  }
}
