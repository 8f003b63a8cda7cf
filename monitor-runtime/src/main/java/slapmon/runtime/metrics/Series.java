package slapmon.runtime.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Instant;
import java.util.List;

/** Builds the snapshots of the metrics model: gauges, counters and info metrics, from values. */
public final class Series {
  private Series() {}

  /** One labelled value. */
  public record Point(Labels labels, double value) {
    public static Point of(double value) {
      return new Point(Labels.EMPTY, value);
    }

    public static Point of(String label, String labelValue, double value) {
      return new Point(Labels.of(label, labelValue), value);
    }
  }

  public static GaugeSnapshot gauge(String name, String help, List<Point> points) {
    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
    points.forEach(
        p -> builder.dataPoint(
            GaugeDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build()));
    return builder.build();
  }

  /** A counter; {@code name} without {@code _total}, which the writer appends. */
  public static CounterSnapshot counter(String name, String help, List<Point> points) {
    CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
    points.forEach(
        p -> builder.dataPoint(
            CounterDataPointSnapshot.builder().labels(p.labels()).value(p.value()).build()));
    return builder.build();
  }

  /** An info metric; {@code name} without {@code _info}, which the writer appends. */
  public static InfoSnapshot info(String name, String help, Labels labels) {
    return InfoSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(InfoDataPointSnapshot.builder().labels(labels).build())
        .build();
  }

  /** Unix time in seconds, with milliseconds. */
  public static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
