package slapmon.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole scrape, every part present, checked by the real {@code promtool check metrics} (which
 * lints names, types, help and units as Prometheus' conventions say).
 */
final class MonitorMetricsTest {
  @TempDir Path dir;

  @Test
  void every_part_and_promtool_finds_nothing_to_say() throws Exception {
    byte[] scrape = MonitorMetricsFixture.fullScrape(dir);
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
    byte[] scrape =
        MonitorMetricsFixture.metrics(dir, Optional.of(dir.resolve("missing.crt")), Optional.empty())
            .render();
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
