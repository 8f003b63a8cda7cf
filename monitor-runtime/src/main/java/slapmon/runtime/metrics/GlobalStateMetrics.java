package slapmon.runtime.metrics;

import static slapmon.runtime.metrics.Series.gauge;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import slapmon.runtime.json.Json;
import slapmon.runtime.metrics.Series.Point;

/**
 * The monitor's global status as its public {@code monitor.global.json} tells it (a root's folds in
 * its sub-monitors'), one series per state as the promises'; nothing before the first publish.
 */
final class GlobalStateMetrics {
  static final List<String> STATES = List.of("OK", "WARNING", "ERROR");

  private GlobalStateMetrics() {}

  static List<MetricSnapshot> read(Path publicFolder) {
    String status;
    try {
      status = Json.read(publicFolder.resolve("monitor.global.json")).path("status").asText("");
    } catch (IOException | RuntimeException e) {
      return List.of(); // not published yet
    }
    String shown = STATES.contains(status) ? status : "ERROR";
    List<Point> points = new ArrayList<>();
    for (String state : STATES) {
      points.add(new Point(Labels.of("state", state), state.equals(shown) ? 1 : 0));
    }
    return List.of(gauge("slapmon_global_state",
        "1 for the monitor's global state (its promises' and its sub-monitors'), 0 for the others",
        points));
  }
}
