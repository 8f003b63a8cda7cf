package slapmon.runtime.state;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import slapmon.runtime.io.WriteFailures;

/**
 * The promises' state in the Prometheus text format, read from the same status files as the global
 * state: what a fleet that outgrows OPML aggregation scrapes into Prometheus and Alertmanager.
 */
public final class Metrics {
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private Metrics() {}

  /** One scrape; unreadable status files are counted, not fatal. */
  public static byte[] render(Path publicFolder, Optional<Instant> runnerLastRun) throws IOException {
    StatusFolder.Snapshot snapshot = StatusFolder.read(publicFolder);
    List<PromiseStatus> statuses = snapshot.statuses();
    WriteFailures.Snapshot writes = WriteFailures.snapshot();
    MetricSnapshots metrics =
        MetricSnapshots.of(
            perPromise("monitor_promise_ok", "1 when the promise's last run succeeded, else 0",
                statuses, s -> s.status().equals("OK") ? 1 : 0),
            perPromise("monitor_promise_change_time_seconds",
                "When the promise entered its current status (Unix time)", statuses,
                s -> s.changeTime().toEpochMilli() / 1000.0),
            perPromise("monitor_promise_last_run_seconds",
                "When the promise's last run started (Unix time)", statuses,
                s -> number(s, "date-epoch", s.changeTime().toEpochMilli() / 1000.0)),
            perPromise("monitor_promise_duration_seconds", "How long the promise's last run took",
                statuses, s -> number(s, "execution-time", Double.NaN)),
            gauge("monitor_promises", "Promises by status",
                List.of(
                    point(Labels.of("status", "OK"), statuses.stream().filter(s -> s.status().equals("OK")).count()),
                    point(Labels.of("status", "ERROR"), statuses.stream().filter(s -> !s.status().equals("OK")).count()),
                    point(Labels.of("status", "UNREADABLE"), snapshot.skipped().size()))),
            gauge("monitor_runner_last_run_seconds", "When the promise runner last finished a run (Unix time)",
                List.of(point(Labels.EMPTY, runnerLastRun.map(i -> i.toEpochMilli() / 1000.0).orElse(Double.NaN)))),
            gauge("monitor_writes_failing", "1 while the monitor cannot write its files (a full disk), else 0",
                List.of(point(Labels.EMPTY, writes.failing() ? 1 : 0))),
            gauge("monitor_write_failures", "Files the monitor failed to write since it started",
                List.of(point(Labels.EMPTY, writes.failures()))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, metrics, EscapingScheme.DEFAULT);
    return out.toByteArray();
  }

  private static double number(PromiseStatus status, String field, double missing) {
    if (field.equals("date-epoch")) {
      String date = status.document().path("date").asText("");
      try {
        return slapmon.runtime.json.Json.parseDate(date).toEpochMilli() / 1000.0;
      } catch (java.time.format.DateTimeParseException e) {
        return missing;
      }
    }
    return status.document().path(field).isNumber() ? status.document().get(field).asDouble() : missing;
  }

  private static GaugeSnapshot perPromise(
      String name, String help, List<PromiseStatus> statuses, ToDoubleFunction<PromiseStatus> value) {
    return gauge(
        name,
        help,
        statuses.stream()
            .map(s -> point(Labels.of("promise", s.title()), value.applyAsDouble(s)))
            .toList());
  }

  private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
    points.forEach(builder::dataPoint);
    return builder.build();
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
