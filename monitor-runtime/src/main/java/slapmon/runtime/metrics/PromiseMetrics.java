package slapmon.runtime.metrics;

import static slapmon.runtime.metrics.Series.gauge;
import static slapmon.runtime.metrics.Series.seconds;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import slapmon.runtime.json.Json;
import slapmon.runtime.metrics.Series.Point;
import slapmon.runtime.state.PromiseStatus;
import slapmon.runtime.state.StatusFolder;

/**
 * The promises' and reports' part of {@code /metrics}, read from the same result files as the
 * global state: per promise its state as one series per state (1 for the current one, 0 for the
 * others: {@code slapmon_promise_state{state!="OK"} == 1} is "failing", whatever the severity),
 * when it last ran and changed, how long its last run took; the count of promises per state.
 */
public final class PromiseMetrics {
  /** The states a result can be in: {@link PromiseStatus#SEVERITIES}. */
  public static final List<String> STATES = PromiseStatus.SEVERITIES;

  private static final String REPORT_SUFFIX = ".report.json";

  private PromiseMetrics() {}

  /** Promise results from {@code publicFolder}, reports' from {@code privateFolder}. */
  public static List<MetricSnapshot> read(Path publicFolder, Path privateFolder)
      throws IOException {
    StatusFolder.Snapshot promises = StatusFolder.read(publicFolder);
    StatusFolder.Snapshot reports = StatusFolder.read(privateFolder, REPORT_SUFFIX);
    List<PromiseStatus> promiseList = oneEachTitle(promises.statuses());
    List<PromiseStatus> reportList = oneEachTitle(reports.statuses());
    List<MetricSnapshot> snapshots = new ArrayList<>(kind("promise", promiseList));
    snapshots.add(
        gauge("slapmon_promises", "Promises by the state of their last run",
            STATES.stream()
                .map(state -> Point.of("state", state,
                    promiseList.stream().filter(s -> state(s).equals(state)).count()))
                .toList()));
    snapshots.add(
        gauge("slapmon_promise_files_unreadable",
            "Promise status files that could not be read (torn, not JSON, fields missing)",
            List.of(Point.of(promises.skipped().size()))));
    snapshots.addAll(kind("report", reportList));
    return snapshots;
  }

  /** The state a metric shows for a result document. */
  static String state(PromiseStatus status) {
    return status.severity();
  }

  private static List<MetricSnapshot> kind(String label, List<PromiseStatus> statuses) {
    String prefix = "slapmon_" + label;
    List<Point> states = new ArrayList<>();
    for (PromiseStatus status : statuses) {
      String current = state(status);
      for (String state : STATES) {
        states.add(
            new Point(Labels.of(label, status.title(), "state", state),
                state.equals(current) ? 1 : 0));
      }
    }
    return List.of(
        gauge(prefix + "_state",
            "1 for the state of the " + label + "'s last run, 0 for the other states", states),
        gauge(prefix + "_last_run_timestamp_seconds",
            "When the " + label + "'s last run started (Unix time)",
            each(label, statuses, PromiseMetrics::lastRun)),
        gauge(prefix + "_last_change_timestamp_seconds",
            "When the " + label + " entered its current status (Unix time)",
            each(label, statuses, s -> OptionalDouble.of(seconds(s.changeTime())))),
        gauge(prefix + "_last_run_duration_seconds",
            "How long the " + label + "'s last run took",
            each(label, statuses, PromiseMetrics::duration)));
  }

  private static List<Point> each(
      String label, List<PromiseStatus> statuses, Function<PromiseStatus, OptionalDouble> value) {
    List<Point> points = new ArrayList<>();
    for (PromiseStatus status : statuses) {
      OptionalDouble v = value.apply(status);
      if (v.isPresent()) {
        points.add(Point.of(label, status.title(), v.getAsDouble()));
      }
    }
    return points;
  }

  /** A title twice (a foreign writer's file) would make the scrape invalid: the first one wins. */
  private static List<PromiseStatus> oneEachTitle(List<PromiseStatus> statuses) {
    Set<String> seen = new HashSet<>();
    return statuses.stream().filter(s -> seen.add(s.title())).toList();
  }

  private static OptionalDouble lastRun(PromiseStatus status) {
    try {
      return OptionalDouble.of(seconds(Json.parseDate(status.document().path("date").asText(""))));
    } catch (DateTimeException e) {
      return OptionalDouble.empty();
    }
  }

  private static OptionalDouble duration(PromiseStatus status) {
    var time = status.document().path("execution-time");
    return time.isNumber() ? OptionalDouble.of(time.asDouble()) : OptionalDouble.empty();
  }
}
