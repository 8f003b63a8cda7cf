package slapmon.runtime.promise;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import slapmon.runtime.json.Json;
import slapmon.runtime.testing.TestLayouts;

/** A partition folder for tests, laid out as the acceptance tests of the original lay it out. */
final class Partition {
  final Path base;
  final Path promises;
  final Path monitorPromises;
  final Path reports;
  final Path publicFolder;
  final Path privateFolder;
  final Path timeoutFile;

  Partition(Path base) throws IOException {
    this.base = base;
    this.promises = Files.createDirectories(base.resolve("promise"));
    this.monitorPromises = Files.createDirectories(base.resolve("monitor-promise"));
    this.reports = Files.createDirectories(base.resolve("monitor-report"));
    this.publicFolder = Files.createDirectories(base.resolve("public"));
    this.privateFolder = Files.createDirectories(base.resolve("private"));
    this.timeoutFile = base.resolve("promise_timeout");
  }

  EngineSettings settings(int workers) {
    return settings(workers, Optional.empty());
  }

  /** {@code base/etc/plugin}: the plugins slapgrid runs, in {@link #withSlapgrid} settings. */
  Path plugins() {
    return base.resolve("etc").resolve("plugin");
  }

  /** Settings that read slapgrid's results under {@code base/.slapgrid}, plugins in etc/plugin. */
  EngineSettings withSlapgrid(int workers) {
    return settings(workers, Optional.of(new SlapgridSource(base, Optional.of(plugins()))));
  }

  private EngineSettings settings(int workers, Optional<SlapgridSource> slapgrid) {
    return new EngineSettings(
        "Monitor",
        "Monitor ROOT",
        URI.create("https://monitor.test.com"),
        TestLayouts.seedEra(
            base, publicFolder, privateFolder, List.of(promises, monitorPromises),
            Optional.of(reports), Optional.of(timeoutFile)),
        EngineSettings.DEFAULT_PERIOD,
        EngineSettings.DEFAULT_TIMEOUT,
        workers,
        EngineSettings.DEFAULT_RETENTION_DAYS,
        EngineSettings.DEFAULT_OUTPUT_CAP,
        slapgrid);
  }

  static Path script(Path folder, String name, String body) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  static Path ok(Path folder, String name) throws IOException {
    return script(folder, name, "echo \"success\"\nexit 0");
  }

  static Path failing(Path folder, String name) throws IOException {
    return script(folder, name, "echo \"failed\"\nexit 2");
  }

  JsonNode status(String title) throws IOException {
    return Json.read(publicFolder.resolve(title + ".status.json"));
  }

  JsonNode report(String title) throws IOException {
    return Json.read(privateFolder.resolve(title + ".report.json"));
  }

  JsonNode history(String title) throws IOException {
    return Json.read(publicFolder.resolve(title + ".history.json"));
  }

  void timeout(Duration timeout) throws IOException {
    Files.writeString(timeoutFile, timeout.toSeconds() + "\n");
  }
}
