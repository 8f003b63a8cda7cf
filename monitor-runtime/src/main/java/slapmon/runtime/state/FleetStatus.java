package slapmon.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slapmon.runtime.json.Json;
import slapmon.runtime.opml.SubMonitorStates;

/**
 * The sub-monitors' part in a root's global state, from what the latest refresh of their {@code
 * monitor.global.json} found ({@code private/monitor.sub-monitors.json}, written by the OPML task
 * once a period).
 *
 * <p>The rule: each sub-monitor of {@code monitor-url-list} counts with its own status (OK,
 * WARNING, ERROR; any other text is ERROR); one whose latest fetch failed (refused, timed out,
 * untrusted certificate, HTTP error, not a monitor.global.json) is {@code unreachable} and weighs
 * as ERROR, from the first failed refresh: no grace, a sub-monitor is asked once a period and the
 * damping of a flapping one belongs to alerting. The root's status is the worst of its own
 * promises' and its sub-monitors': ERROR if a sub-monitor is ERROR or unreachable, else WARNING if
 * one warns. A sub-monitor not asked yet (before the first refresh) counts nowhere. The legacy
 * {@code state} counts stay those of the promises; a root's private document also carries the
 * counts as {@value #FIELD}.
 *
 * @param ok sub-monitors that answered OK
 * @param warning that answered WARNING
 * @param error that answered ERROR (or a status slapmon does not know)
 * @param unreachable whose latest fetch failed
 * @param asked when the sub-monitors were last asked, empty before the first refresh
 */
public record FleetStatus(int ok, int warning, int error, int unreachable, Optional<String> asked) {
  /** The field of the private monitor.global.json that carries the counts. */
  static final String FIELD = "sub-monitors";

  static final FleetStatus NONE = new FleetStatus(0, 0, 0, 0, Optional.empty());

  /**
   * Reads the refresh's file in {@code privateFolder}; only the URLs of {@code subMonitors} (the
   * current {@code monitor-url-list}) count. A missing or unreadable file counts nothing.
   */
  public static FleetStatus read(Path privateFolder, List<URI> subMonitors) {
    if (subMonitors.isEmpty()) {
      return NONE;
    }
    JsonNode document;
    try {
      document = Json.read(privateFolder.resolve(SubMonitorStates.FILE_NAME));
    } catch (IOException | RuntimeException e) {
      return NONE; // not refreshed yet, or being replaced: counted at the next publish
    }
    Map<String, JsonNode> byUrl = new HashMap<>();
    for (JsonNode monitor : document.path("monitors")) {
      byUrl.putIfAbsent(monitor.path("url").asText(""), monitor);
    }
    int ok = 0;
    int warning = 0;
    int error = 0;
    int unreachable = 0;
    for (URI url : subMonitors) {
      JsonNode monitor = byUrl.get(url.toString());
      if (monitor == null) {
        continue;
      }
      if (!monitor.path("problem").isNull() || !monitor.path("status").isTextual()) {
        unreachable++;
        continue;
      }
      switch (monitor.path("status").asText()) {
        case "OK" -> ok++;
        case "WARNING" -> warning++;
        default -> error++;
      }
    }
    Optional<String> asked =
        document.path("date").isTextual()
            ? Optional.of(document.path("date").asText())
            : Optional.empty();
    return new FleetStatus(ok, warning, error, unreachable, asked);
  }

  /** The worst of {@code own} (the promises' status) and the sub-monitors'. */
  public String fold(String own) {
    if (error > 0 || unreachable > 0 || own.equals("ERROR")) {
      return "ERROR";
    }
    if (warning > 0 || own.equals("WARNING")) {
      return "WARNING";
    }
    return own;
  }

  /** Folds the sub-monitors into a monitor.global.json: its status and, if asked, the counts. */
  void applyTo(ObjectNode globalState, boolean withCounts) {
    globalState.put("status", fold(globalState.path("status").asText("OK")));
    if (withCounts) {
      ObjectNode counts = globalState.putObject(FIELD);
      counts.put("ok", ok);
      counts.put("warning", warning);
      counts.put("error", error);
      counts.put("unreachable", unreachable);
      asked.ifPresentOrElse(date -> counts.put("date", date), () -> counts.putNull("date"));
    }
  }
}
