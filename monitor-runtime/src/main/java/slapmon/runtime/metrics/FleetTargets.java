package slapmon.runtime.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import slapmon.runtime.json.Json;
import slapmon.runtime.opml.SubMonitorStates;

/**
 * {@code /metrics/targets}: this monitor's and every sub-monitor's {@code /metrics} as Prometheus'
 * {@code http_sd_configs} reads them, one target group per monitor: {@code [{"targets":
 * ["host:port"], "labels": {...}}]}. The labels set the scheme and metrics path (a monitor behind a
 * frontend has a path), {@code instance} to the monitor's URL without its scheme (two monitors
 * behind one frontend share host and port), {@code slapmon_role} ({@code self} or {@code
 * sub-monitor}), {@code slapmon_root_title}, and {@code slapmon_title} when known (a sub-monitor's
 * as its latest title refresh read it).
 */
public final class FleetTargets {
  private final URI self;
  private final String title;
  private final String rootTitle;
  private final List<URI> subMonitors;
  private final Path privateFolder;

  /**
   * @param self this monitor's {@code base-url}
   * @param subMonitors {@code monitor-url-list}
   * @param privateFolder where the title refresh writes what it learnt of the sub-monitors
   */
  public FleetTargets(
      URI self, String title, String rootTitle, List<URI> subMonitors, Path privateFolder) {
    this.self = self;
    this.title = title;
    this.rootTitle = rootTitle;
    this.subMonitors = List.copyOf(subMonitors);
    this.privateFolder = privateFolder;
  }

  public byte[] render() {
    Map<String, String> titles = subMonitorTitles();
    ArrayNode groups = Json.mapper().createArrayNode();
    Set<String> instances = new LinkedHashSet<>();
    add(groups, instances, self, "self", title);
    for (URI url : subMonitors) {
      add(groups, instances, url, "sub-monitor", titles.get(url.toString()));
    }
    return Json.bytes(groups);
  }

  private void add(ArrayNode groups, Set<String> instances, URI url, String role, String name) {
    String base = url.toString().replaceAll("/+$", "");
    URI trimmed = URI.create(base);
    String instance = base.substring(trimmed.getScheme().length() + "://".length());
    if (!instances.add(instance)) {
      return; // listed twice: one target, or Prometheus would scrape it twice
    }
    ObjectNode group = groups.addObject();
    group.putArray("targets").add(address(trimmed));
    ObjectNode labels = group.putObject("labels");
    labels.put("__scheme__", trimmed.getScheme());
    labels.put("__metrics_path__", (trimmed.getRawPath() == null ? "" : trimmed.getRawPath()) + "/metrics");
    labels.put("instance", instance);
    labels.put("slapmon_role", role);
    labels.put("slapmon_root_title", rootTitle);
    if (name != null) {
      labels.put("slapmon_title", name);
    }
  }

  /** {@code host:port}, the port made explicit; an IPv6 host keeps its brackets. */
  static String address(URI url) {
    int port = url.getPort() != -1 ? url.getPort() : url.getScheme().equals("http") ? 80 : 443;
    return url.getHost() + ":" + port;
  }

  /** URL → title the sub-monitor sent, from the latest refresh; placeholders left out. */
  private Map<String, String> subMonitorTitles() {
    Map<String, String> titles = new HashMap<>();
    JsonNode document;
    try {
      document = Json.read(privateFolder.resolve(SubMonitorStates.FILE_NAME));
    } catch (IOException | RuntimeException e) {
      return titles; // not refreshed yet
    }
    for (JsonNode monitor : document.path("monitors")) {
      if (!monitor.path("placeholder").asBoolean(true) && monitor.path("title").isTextual()) {
        titles.put(monitor.path("url").asText(""), monitor.path("title").asText());
      }
    }
    return titles;
  }
}
