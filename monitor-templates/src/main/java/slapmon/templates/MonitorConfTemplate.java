package slapmon.templates;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import slapmon.config.ini.IniWriter;
import slapmon.config.ini.PythonText;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.AlertmanagerSection;
import slapmon.config.settings.HttpdConfParameters;
import slapmon.config.settings.IpLiteral;
import slapmon.config.settings.MonitorDirectoryParameters;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.SlapMaster;
import slapmon.config.settings.SlapPartition;

/**
 * {@code etc/monitor.conf}: {@code [monitor]} (SPEC §A.3.3, with the promise paths the runtime
 * reads there), {@code [promises]} (SPEC §B.3, with the partition's SlapOS identity when known) and
 * {@code [httpd]}, slapmon's HTTPS server, and {@code [alertmanager]} when the profile names one.
 * Values are literal; lists are one item per line.
 */
final class MonitorConfTemplate {
  private MonitorConfTemplate() {}

  static String render(
      MonitorSettings settings,
      PartitionPaths paths,
      ParameterList parameters,
      List<String> warnings) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    sections.put("monitor", monitor(settings, paths, parameters, warnings));
    sections.put("promises", promises(settings, paths));
    sections.put("httpd", httpd(settings.httpd(), settings.instance().corsDomains()));
    settings.instance().alertmanager().ifPresent(am -> sections.put("alertmanager", alerts(am)));
    return IniWriter.write(sections);
  }

  private static Map<String, String> monitor(
      MonitorSettings settings,
      PartitionPaths paths,
      ParameterList parameters,
      List<String> warnings) {
    MonitorDirectoryParameters dirs = settings.directories();
    PartitionLayout layout = paths.layout();
    Map<String, String> monitor = new LinkedHashMap<>();
    monitor.put("title", settings.instance().monitorTitle());
    monitor.put("root-title", settings.instance().rootInstanceTitle());
    monitor.put("base-url", settings.instance().baseUrl().toString());
    monitor.put("public-folder", layout.publicFolder().toString());
    monitor.put("private-folder", layout.privateFolder().toString());
    monitor.put("webdav-folder", layout.webdavFolder().toString());
    monitor.put("document-folder", paths.documentFolder().toString());
    monitor.put("log-folder", dirs.log().toString());
    monitor.put("service-pid-folder", dirs.pids().toString());
    monitor.put("pid-file", paths.bootstrapPidFile().toString());
    monitor.put("promise-output-file", paths.bootstrapMarker().toString());
    monitor.put("promise-folder", paths.promiseFolder().toString());
    monitor.put("monitor-promise-folder", layout.monitorPromiseFolder().orElseThrow().toString());
    monitor.put("report-folder", layout.reportFolder().orElseThrow().toString());
    monitor.put("promises-timeout-file", paths.promiseTimeout().toString());
    monitor.put("collector-db", layout.collectorDb().orElseThrow().toString());
    monitor.put(
        "public-path-list",
        pathList("public-path-list", settings.linkedPaths().publicPaths(), warnings));
    monitor.put(
        "private-path-list",
        pathList("private-path-list", settings.linkedPaths().privatePaths(), warnings));
    monitor.put("monitor-url-list", lines(settings.monitorUrlList()));
    put(monitor, "sub-monitor-ca-file", settings.instance().subMonitorCaFile().map(Path::toString));
    monitor.put("parameter-file-path", settings.instance().configurationFilePath().toString());
    monitor.put("parameter-list", parameters.text());
    return monitor;
  }

  private static Map<String, String> promises(MonitorSettings settings, PartitionPaths paths) {
    PartitionLayout layout = paths.layout();
    SlapPartition slap = settings.partition();
    SlapMaster master = settings.master();
    Map<String, String> promises = new LinkedHashMap<>();
    promises.put("promise-folder", layout.pluginFolder().orElseThrow().toString());
    promises.put("legacy-promise-folder", layout.legacyPromiseFolder().orElseThrow().toString());
    promises.put("output-folder", layout.publicFolder().toString());
    promises.put("history-folder", layout.publicFolder().toString());
    promises.put("partition-folder", layout.partition().toString());
    put(promises, "partition-id", slap.partitionId());
    put(promises, "computer-id", slap.computerId());
    put(promises, "ipv4", slap.ipv4().map(IpLiteral::format));
    put(promises, "ipv6", slap.ipv6().map(IpLiteral::format));
    put(promises, "software-release", slap.softwareRelease());
    put(promises, "software-type", slap.softwareType());
    put(promises, "master-url", master.url().map(URI::toString));
    put(promises, "partition-cert", master.certFile().map(Path::toString));
    put(promises, "partition-key", master.keyFile().map(Path::toString));
    return promises;
  }

  private static Map<String, String> httpd(HttpdConfParameters httpd, List<String> corsDomains) {
    Map<String, String> section = new LinkedHashMap<>();
    section.put("listen-address", IpLiteral.format(httpd.listeningIp()));
    section.put("port", Integer.toString(httpd.port()));
    section.put("cert-file", httpd.certFile().toString());
    section.put("key-file", httpd.keyFile().toString());
    section.put("htpasswd-file", httpd.htpasswdFile().toString());
    section.put("cors-domains", String.join(" ", corsDomains));
    section.put("access-log", httpd.accessLog().toString());
    return section;
  }

  private static Map<String, String> alerts(AlertmanagerSection alerts) {
    Map<String, String> section = new LinkedHashMap<>();
    section.put("url-list", lines(alerts.urls()));
    put(section, "user", alerts.user());
    put(section, "password-file", alerts.passwordFile().map(Path::toString));
    put(section, "ca-file", alerts.caFile().map(Path::toString));
    section.put("failure-threshold", Integer.toString(alerts.failureThreshold()));
    section.put(
        "promise-failure-threshold",
        lines(
            new TreeMap<>(alerts.promiseFailureThresholds())
                .entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList()));
    section.put("resend-interval", Long.toString(alerts.resendInterval().toSeconds()));
    return section;
  }

  private static void put(Map<String, String> section, String key, Optional<String> value) {
    value.ifPresent(text -> section.put(key, text));
  }

  /**
   * The paths one per line; a path with white space cannot be in a list split on white space, so
   * it is left out with a warning.
   */
  private static String pathList(String key, List<Path> paths, List<String> warnings) {
    List<Path> kept = new ArrayList<>();
    for (Path path : paths) {
      if (path.toString().chars().anyMatch(PythonText::isSpace)) {
        warnings.add(
            key
                + ": left out "
                + path
                + ": a list split on white space cannot hold a path with white space;"
                + " it is not linked into the monitor's tree");
      } else {
        kept.add(path);
      }
    }
    return lines(kept);
  }

  private static String lines(List<?> items) {
    return String.join("\n", items.stream().map(Object::toString).toList());
  }
}
