package slapmon.runtime.metrics;

import static slapmon.runtime.metrics.Series.gauge;
import static slapmon.runtime.metrics.Series.seconds;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import slapmon.runtime.json.Json;
import slapmon.runtime.metrics.Series.Point;
import slapmon.runtime.opml.SubMonitorStates;

/**
 * Each sub-monitor of {@code monitor-url-list} as the latest title refresh found it (the OPML
 * task's {@code monitor.sub-monitors.json}): whether it answered, its own state (one series per
 * state, as the promises'), its title in an info metric, and when it was last asked.
 */
final class SubMonitorMetrics {
  static final List<String> STATES = List.of("OK", "WARNING", "ERROR");

  private SubMonitorMetrics() {}

  static List<MetricSnapshot> read(Path privateFolder) {
    JsonNode document;
    try {
      document = Json.read(privateFolder.resolve(SubMonitorStates.FILE_NAME));
    } catch (IOException | RuntimeException e) {
      return List.of(); // not refreshed yet
    }
    List<Point> answered = new ArrayList<>();
    List<Point> states = new ArrayList<>();
    List<Point> titles = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode monitor : document.path("monitors")) {
      String url = monitor.path("url").asText("");
      if (url.isEmpty() || !seen.add(url)) {
        continue;
      }
      boolean ok = monitor.path("problem").isNull() && monitor.path("status").isTextual();
      answered.add(Point.of("url", url, ok ? 1 : 0));
      String status = monitor.path("status").asText("");
      String shown = STATES.contains(status) ? status : "ERROR";
      for (String state : STATES) {
        states.add(new Point(Labels.of("url", url, "state", state),
            ok && state.equals(shown) ? 1 : 0));
      }
      titles.add(new Point(Labels.of("url", url, "title", monitor.path("title").asText("")), 1));
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    snapshots.add(gauge("slapmon_submonitor_answered",
        "1 when the sub-monitor sent its monitor.global.json at the latest refresh, else 0",
        answered));
    snapshots.add(gauge("slapmon_submonitor_state",
        "1 for the sub-monitor's own state when it answered, 0 for the others (all 0 when not)",
        states));
    snapshots.add(gauge("slapmon_submonitor_title_info",
        "The sub-monitor's title (or a placeholder naming the problem), always 1", titles));
    try {
      double date = seconds(Json.parseDate(document.path("date").asText("")));
      snapshots.add(gauge("slapmon_submonitor_refresh_timestamp_seconds",
          "When the sub-monitors were last asked (Unix time)", List.of(Point.of(date))));
    } catch (DateTimeException e) {
      // a document without its date: nothing to say
    }
    return snapshots;
  }
}
