package slapmon.runtime.metrics;

import static slapmon.runtime.metrics.Series.counter;
import static slapmon.runtime.metrics.Series.gauge;
import static slapmon.runtime.metrics.Series.info;
import static slapmon.runtime.metrics.Series.seconds;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import slapmon.config.layout.PartitionLayout;
import slapmon.runtime.io.WriteFailures;
import slapmon.runtime.metrics.Series.Point;
import slapmon.runtime.promise.RunCounters;
import slapmon.runtime.state.RunnerHealth;

/**
 * One scrape of {@code /metrics} in the Prometheus text format (docs/prometheus.md lists every
 * series): the monitor's identity, its promises and reports, the runner, writes, the partition's
 * resource usage, the sub-monitors, the served certificate, then the JVM's and the process's.
 * Read from the files the other tasks write and from counters in memory; unreadable parts are left
 * out, never fatal.
 */
public final class MonitorMetrics {
  /**
   * Where each part comes from.
   *
   * @param title {@code title} of monitor.conf
   * @param rootTitle {@code root-title}
   * @param baseUrl {@code base-url}
   * @param version slapmon's version
   * @param layout the partition's paths: the promises' status files in the public folder, the
   *     reports' files and monitor.sub-monitors.json in the private one, the collect's documents
   * @param certificate the certificate the HTTPS server serves
   * @param runner the promise runner's health, now
   * @param counts the runs counted since start
   */
  public record Sources(
      String title,
      String rootTitle,
      URI baseUrl,
      String version,
      PartitionLayout layout,
      Optional<Path> certificate,
      Function<Instant, RunnerHealth> runner,
      Supplier<List<RunCounters.Count>> counts) {

    Path publicFolder() {
      return layout.publicFolder();
    }

    Path privateFolder() {
      return layout.privateFolder();
    }
  }

  private final Sources sources;
  private final Clock clock;

  public MonitorMetrics(Sources sources, Clock clock) {
    this.sources = sources;
    this.clock = clock;
  }

  /** The collect's documents, whose status document has the usage. */
  Path collectDocuments() {
    return sources.layout().dataDocuments();
  }

  public byte[] render() throws IOException {
    Instant now = clock.instant();
    List<MetricSnapshot> all = new ArrayList<>();
    all.add(info("slapmon_build", "slapmon's version, always 1",
        Labels.of("version", sources.version())));
    all.add(info("slapmon_monitor", "The monitor's titles and base URL, always 1",
        Labels.of("title", sources.title(), "root_title", sources.rootTitle(),
            "base_url", sources.baseUrl().toString())));
    all.addAll(GlobalStateMetrics.read(sources.publicFolder()));
    all.addAll(PromiseMetrics.read(sources.publicFolder(), sources.privateFolder()));
    all.addAll(counters(sources.counts().get()));
    all.addAll(runner(sources.runner().apply(now), now));
    WriteFailures.Snapshot writes = WriteFailures.snapshot();
    all.add(gauge("slapmon_writes_failing",
        "1 while the monitor cannot write its files (a full disk), else 0",
        List.of(Point.of(writes.failing() ? 1 : 0))));
    all.add(counter("slapmon_write_failures",
        "Files the monitor failed to write since it started", List.of(Point.of(writes.failures()))));
    all.addAll(ResourceUsageMetrics.read(collectDocuments()));
    all.addAll(SubMonitorMetrics.read(sources.privateFolder()));
    sources.certificate().ifPresent(c -> all.addAll(CertificateExpiry.read(c)));
    MetricSnapshots.Builder builder = MetricSnapshots.builder();
    all.forEach(builder::metricSnapshot);
    JvmRegistry.scrape().forEach(builder::metricSnapshot);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, builder.build(), EscapingScheme.DEFAULT);
    return out.toByteArray();
  }

  private static List<MetricSnapshot> counters(List<RunCounters.Count> counts) {
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (boolean report : new boolean[] {false, true}) {
      String label = report ? "report" : "promise";
      List<RunCounters.Count> mine = counts.stream().filter(c -> c.report() == report).toList();
      snapshots.add(counter("slapmon_" + label + "_runs",
          "Runs of the " + label + " by this process since it started",
          mine.stream().map(c -> Point.of(label, c.title(), c.runs())).toList()));
      snapshots.add(counter("slapmon_" + label + "_failures",
          "Runs of the " + label + " that did not end OK (timeouts included) since start",
          mine.stream().map(c -> Point.of(label, c.title(), c.failures())).toList()));
      snapshots.add(counter("slapmon_" + label + "_timeouts",
          "Runs of the " + label + " killed for taking longer than the timeout since start",
          mine.stream().map(c -> Point.of(label, c.title(), c.timeouts())).toList()));
    }
    return snapshots;
  }

  private static List<MetricSnapshot> runner(RunnerHealth health, Instant now) {
    List<MetricSnapshot> snapshots = new ArrayList<>();
    snapshots.add(gauge("slapmon_runner_healthy",
        "1 while the promise runner runs on time, 0 when its last run is older than two periods",
        List.of(Point.of(health.stale(now) ? 0 : 1))));
    snapshots.add(gauge("slapmon_runner_last_run_timestamp_seconds",
        "When the promise runner last finished a run (Unix time)",
        health.lastRun().map(last -> List.of(Point.of(seconds(last)))).orElse(List.of())));
    snapshots.add(gauge("slapmon_runner_next_run_timestamp_seconds",
        "When the promise runner runs next (Unix time)",
        List.of(Point.of(seconds(health.nextRun())))));
    snapshots.add(gauge("slapmon_runner_period_seconds",
        "The period promises run at", List.of(Point.of(health.period().toMillis() / 1000.0))));
    return snapshots;
  }
}
