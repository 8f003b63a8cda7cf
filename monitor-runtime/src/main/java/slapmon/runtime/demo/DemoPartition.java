package slapmon.runtime.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import slapmon.config.ConfigException;
import slapmon.config.ini.IniWriter;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.MonitorDirectoryParameters;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.render.InstanceFile;
import slapmon.runtime.render.OwnLauncher;
import slapmon.runtime.render.PlannedRender;
import slapmon.templates.ConnectionValues;

/**
 * A throw-away partition to try slapmon on, made the way an operator makes one: sample promises
 * (one OK, one failing, one that times out, a Nagios plugin when monitoring-plugins is installed)
 * and a report, then {@code slapmon render} on a small instance profile (HTTPS on 127.0.0.1, the
 * given port, a generated password, a self-signed certificate, the stack's own promises).
 */
public final class DemoPartition {
  static final String NAGIOS_DUMMY = "/usr/lib/nagios/plugins/check_dummy";
  /** Short, so that the promise that never ends is seen timing out soon. */
  private static final String PROMISE_TIMEOUT = "5\n";

  /**
   * What the demo made: where its configuration is, and how to reach it.
   *
   * @param certificate the self-signed certificate its HTTPS server serves
   */
  public record Made(Path conf, String baseUrl, String user, String password, Path certificate) {
    @Override
    public String toString() {
      return "demo partition " + conf + " at " + baseUrl;
    }
  }

  private DemoPartition() {}

  public static Made create(Path dir, int port, SecureRandom random)
      throws IOException, InterruptedException, ConfigException {
    // The profile leaves [monitor-directory] to its defaults under the partition.
    PartitionLayout layout =
        PartitionLayout.rendered(dir, MonitorDirectoryParameters.under(dir), Optional.empty());
    Path etc = Files.createDirectories(layout.etc());
    writePromises(Files.createDirectories(layout.promiseFolder().orElseThrow()));
    script(Files.createDirectories(layout.reportFolder().orElseThrow()), "disk-usage_every_1_minute",
        "df -h " + quote(dir.toString()));
    // Created once by render, so this value stays.
    AtomicFiles.writeString(layout.promiseTimeoutFile().orElseThrow(), PROMISE_TIMEOUT);
    Path profile = etc.resolve("demo-instance.cfg");
    AtomicFiles.writeString(profile, IniWriter.write(profile(dir, port)));
    PlannedRender render =
        PlannedRender.of(
            InstanceFile.load(profile, true, Optional.of(dir)), OwnLauncher.current(), random);
    render.plan().apply();
    ConnectionValues published = render.rendered().published();
    return new Made(
        layout.monitorConf(),
        published.monitorBaseUrl().toString(),
        published.monitorUser(),
        published.monitorPassword().text(),
        render.rendered().certificate().certificate());
  }

  /** The instance profile, values literal (read as {@code render --resolved} reads them). */
  private static Map<String, Map<String, String>> profile(Path dir, int port) {
    Map<String, String> buildout = new LinkedHashMap<>();
    buildout.put("directory", dir.toString());
    Map<String, String> instance = new LinkedHashMap<>();
    instance.put("monitor-title", "slapmon demo");
    instance.put("root-instance-title", "slapmon demo tree");
    instance.put("monitor-httpd-ipv6", "127.0.0.1");
    instance.put("monitor-httpd-port", Integer.toString(port));
    instance.put("monitor-base-url", "https://127.0.0.1:" + port);
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    sections.put("buildout", buildout);
    sections.put("monitor-instance-parameter", instance);
    return sections;
  }

  private static void writePromises(Path folder) throws IOException {
    script(folder, "check-ok", "echo \"everything is fine\"");
    script(folder, "check-failing", "echo \"disk /data is 97% full\" >&2\nexit 2");
    script(folder, "check-too-slow", "echo \"waiting for a backend that never answers\"\nsleep 30");
    if (Files.isExecutable(Path.of(NAGIOS_DUMMY))) {
      script(folder, "nagios-check-dummy", "exec " + NAGIOS_DUMMY + " 1 \"a Nagios plugin warning\"");
    }
  }

  private static void script(Path folder, String name, String body) throws IOException {
    AtomicFiles.write(folder.resolve(name), ("#!/bin/sh\n" + body + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
