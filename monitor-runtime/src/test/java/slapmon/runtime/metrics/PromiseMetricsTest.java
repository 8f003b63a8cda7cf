package slapmon.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promises' and reports' series, from result files in the shape the promise engine writes. */
final class PromiseMetricsTest {
  @TempDir Path dir;

  private String scrape(Path publicFolder, Path privateFolder) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(out, new MetricSnapshots(PromiseMetrics.read(publicFolder, privateFolder)),
            EscapingScheme.DEFAULT);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void one_series_per_state_timestamps_duration_and_counts() throws Exception {
    Path publicFolder = Files.createDirectories(dir.resolve("public"));
    Path privateFolder = Files.createDirectories(dir.resolve("private"));
    Files.writeString(publicFolder.resolve("web.status.json"),
        "{\"status\":\"OK\",\"title\":\"web\",\"change-time\":1795517221.250,"
            + "\"date\":\"2026-11-24T10:47:01+00:00\",\"execution-time\":0.125,"
            + "\"nagios-status\":\"OK\",\"message\":\"ok\\n\"}");
    Files.writeString(publicFolder.resolve("disk.status.json"),
        "{\"status\":\"ERROR\",\"title\":\"disk \\\"full\\\"\",\"change-time\":1795517000,"
            + "\"date\":\"2026-11-24T10:47:02+00:00\",\"execution-time\":2,"
            + "\"nagios-status\":\"CRITICAL\",\"message\":\"no\"}");
    // What a legacy writer leaves: no nagios-status, no date.
    Files.writeString(publicFolder.resolve("old.status.json"),
        "{\"status\":\"ERROR\",\"title\":\"old\",\"change-time\":1795517000,\"message\":\"x\"}");
    Files.writeString(publicFolder.resolve("torn.status.json"), "{\"status\":");
    Files.writeString(privateFolder.resolve("usage.report.json"),
        "{\"status\":\"OK\",\"title\":\"usage\",\"change-time\":1795517100,"
            + "\"date\":\"2026-11-24T10:45:00+00:00\",\"execution-time\":1.5,"
            + "\"nagios-status\":\"OK\",\"message\":\"\"}");
    String text = scrape(publicFolder, privateFolder);
    assertThat(text)
        .contains("slapmon_promise_state{promise=\"web\",state=\"OK\"} 1.0")
        .contains("slapmon_promise_state{promise=\"web\",state=\"CRITICAL\"} 0.0")
        .contains("slapmon_promise_state{promise=\"disk \\\"full\\\"\",state=\"CRITICAL\"} 1.0")
        .contains("slapmon_promise_state{promise=\"disk \\\"full\\\"\",state=\"ERROR\"} 0.0")
        .contains("slapmon_promise_state{promise=\"old\",state=\"ERROR\"} 1.0")
        .contains("slapmon_promise_last_change_timestamp_seconds{promise=\"web\"} 1.79551722125E9")
        .contains("slapmon_promise_last_run_timestamp_seconds{promise=\"web\"} 1.795517221E9")
        .contains("slapmon_promise_last_run_duration_seconds{promise=\"web\"} 0.125")
        .contains("slapmon_promises{state=\"CRITICAL\"} 1.0")
        .contains("slapmon_promises{state=\"ERROR\"} 1.0")
        .contains("slapmon_promises{state=\"OK\"} 1.0")
        .contains("slapmon_promise_files_unreadable 1.0")
        .contains("slapmon_report_state{report=\"usage\",state=\"OK\"} 1.0")
        .contains("slapmon_report_last_run_duration_seconds{report=\"usage\"} 1.5")
        .contains("# TYPE slapmon_promise_state gauge")
        .doesNotContain("slapmon_promise_last_run_timestamp_seconds{promise=\"old\"}")
        .doesNotContain("monitor_");
  }

  /** A Nagios plugin's exit code 1: legacy status ERROR, but WARNING in the metrics. */
  @Test
  void a_nagios_warning_is_warning() throws Exception {
    Path publicFolder = Files.createDirectories(dir.resolve("public"));
    Files.writeString(publicFolder.resolve("load.status.json"),
        "{\"status\":\"ERROR\",\"title\":\"load\",\"change-time\":1795517000,"
            + "\"date\":\"2026-11-24T10:47:02+00:00\",\"returncode\":1,"
            + "\"nagios-status\":\"WARNING\",\"message\":\"LOAD WARNING\"}");
    String text = scrape(publicFolder, dir.resolve("private"));
    assertThat(text)
        .contains("slapmon_promise_state{promise=\"load\",state=\"WARNING\"} 1.0")
        .contains("slapmon_promise_state{promise=\"load\",state=\"ERROR\"} 0.0")
        .contains("slapmon_promises{state=\"WARNING\"} 1.0");
  }

  /** Two files naming one title would make Prometheus reject the whole scrape. */
  @Test
  void a_title_twice_is_one_series() throws Exception {
    Path publicFolder = Files.createDirectories(dir.resolve("public"));
    for (String file : new String[] {"a", "b"}) {
      Files.writeString(publicFolder.resolve(file + ".status.json"),
          "{\"status\":\"OK\",\"title\":\"same\",\"change-time\":1795517000,\"message\":\"\"}");
    }
    String text = scrape(publicFolder, dir.resolve("private"));
    assertThat(text.split("slapmon_promise_state\\{promise=\"same\",state=\"OK\"}", -1))
        .hasSize(2);
  }
}
