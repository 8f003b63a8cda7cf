package slapmon.runtime.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.LinkedPaths;
import slapmon.config.settings.MonitorConfFolders;
import slapmon.config.settings.MonitorSection;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.SeedEraPaths;
import slapmon.runtime.parameters.ConfigDocuments;

/** The base folder and {@code [monitor]} section of the original's acceptance tests (SPEC §C). */
final class MonitorFixture {
  final Path base;
  final Path publicFolder;
  final Path privateFolder;
  final Path webdav;
  final Path marker;
  final Path knowledge;

  MonitorFixture(Path base) throws IOException {
    this.base = base;
    for (String folder :
        List.of("promise", "monitor-promise", "public", "private", "cron.d", "logrotate.d",
            "monitor-report", "webdav", "run")) {
      Files.createDirectories(base.resolve(folder));
    }
    Files.writeString(base.resolve("param"), "12345");
    Files.writeString(base.resolve(".monitor_pwd"), "bcuandjy");
    Files.writeString(base.resolve("test-httpd-cors.cfg"), "");
    Files.writeString(base.resolve("monitor-htpasswd"), "12345");
    this.publicFolder = base.resolve("public");
    this.privateFolder = base.resolve("private");
    this.webdav = base.resolve("webdav");
    this.marker = base.resolve("monitor-bootstrap-status");
    this.knowledge = base.resolve("knowledge0.cfg");
  }

  /** The fixture's parameter-list: raw, file, htpasswd and httpdcors. */
  List<ParameterLine> parameters() {
    return List.of(
        new ParameterLine.Raw("monitor-user", "admin"),
        new ParameterLine.FileParameter("sample", base.resolve("param")),
        new ParameterLine.HtpasswdParameter(
            "monitor-password", base.resolve(".monitor_pwd"), "admin",
            base.resolve("monitor-htpasswd")),
        new ParameterLine.HttpdCorsParameter(
            "cors-domain", base.resolve("test-httpd-cors.cfg"), Path.of("/bin/echo")));
  }

  MonitorSection monitor(List<Path> publicPaths, List<Path> privatePaths) {
    return monitor(publicPaths, privatePaths, parameters());
  }

  MonitorSection monitor(
      List<Path> publicPaths, List<Path> privatePaths, List<ParameterLine> parameters) {
    Path run = base.resolve("run");
    return new MonitorSection(
        "Monitor",
        "Monitor ROOT",
        URI.create("https://monitor.test.com"),
        List.of(),
        new MonitorConfFolders(
            publicFolder, privateFolder, webdav, run, run.resolve("monitor-bootstrap.pid"),
            marker, Optional.empty(), Optional.empty()),
        new LinkedPaths(publicPaths, privatePaths),
        knowledge,
        parameters,
        new SeedEraPaths(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty()));
  }

  BootstrapResult bootstrap(List<Path> publicPaths, List<Path> privatePaths) {
    return bootstrap(monitor(publicPaths, privatePaths)).run();
  }

  /** The paths of {@code monitor}, a seed-era section, in the fixture's partition. */
  BootstrapPaths paths(MonitorSection monitor) {
    return new BootstrapPaths(
        PartitionLayout.of(monitor, Optional.empty(), base),
        monitor.linkedPaths().publicPaths(),
        monitor.linkedPaths().privatePaths());
  }

  /** The bootstrap the runtime makes of {@code monitor}: its paths, and its config documents. */
  Bootstrap bootstrap(MonitorSection monitor) {
    BootstrapPaths paths = paths(monitor);
    ConfigDocuments documents =
        new ConfigDocuments(
            paths.configDocuments(), monitor.parameterFilePath(), monitor.parameterList());
    return new Bootstrap(paths, documents::write);
  }
}
