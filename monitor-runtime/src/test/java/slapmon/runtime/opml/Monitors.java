package slapmon.runtime.opml;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import slapmon.config.settings.LinkedPaths;
import slapmon.config.settings.MonitorConfFolders;
import slapmon.config.settings.MonitorSection;
import slapmon.config.settings.SeedEraPaths;

/** {@code [monitor]} sections for the tests, with the legacy fixture's values (SPEC Part C). */
final class Monitors {
  static final URI BASE = URI.create("https://monitor.test.com");

  private Monitors() {}

  static MonitorSection legacy(Path base) {
    return section(base, "Monitor", "Monitor ROOT", BASE, List.of());
  }

  static MonitorSection section(
      Path base, String title, String rootTitle, URI baseUrl, List<URI> subMonitors) {
    Path dir = base.toAbsolutePath();
    MonitorConfFolders folders =
        new MonitorConfFolders(
            dir.resolve("public"),
            dir.resolve("private"),
            dir.resolve("webdav"),
            dir.resolve("run"),
            dir.resolve("monitor.pid"),
            dir.resolve("monitor-bootstrap-status"),
            Optional.empty(),
            Optional.empty());
    SeedEraPaths none =
        new SeedEraPaths(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new MonitorSection(
        title,
        rootTitle,
        baseUrl,
        subMonitors,
        folders,
        new LinkedPaths(List.of(), List.of()),
        dir.resolve("knowledge0.cfg"),
        List.of(),
        none);
  }

  /** The settings the runtime's launch gives the OPML writers for {@code monitor}. */
  static OpmlSettings opmlSettings(MonitorSection monitor) {
    return new OpmlSettings(
        monitor.title(),
        monitor.rootTitle(),
        monitor.baseUrl(),
        monitor.monitorUrlList(),
        monitor.folders().publicFolder(),
        monitor.folders().privateFolder());
  }
}
