package slapmon.runtime.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition laid out as SlapOS lays it out ({@code etc/monitor.conf}, {@code etc/promise},
 * {@code srv/monitor/public} and {@code private}), with promises written as real shell scripts.
 */
final class ReliabilityPartition {
  final Path base;
  final Path conf;
  final Path promises;
  final Path monitorFolder;
  final Path publicFolder;
  final Path privateFolder;
  private final List<String> httpd = new ArrayList<>();

  ReliabilityPartition(Path base) throws IOException {
    this.base = base;
    this.conf = base.resolve("etc/monitor.conf");
    this.promises = Files.createDirectories(base.resolve("etc/promise"));
    Files.createDirectories(base.resolve("etc/monitor-promise"));
    this.monitorFolder = base.resolve("srv/monitor");
    this.publicFolder = Files.createDirectories(monitorFolder.resolve("public"));
    this.privateFolder = Files.createDirectories(monitorFolder.resolve("private"));
  }

  /**
   * {@code count} promises whose status never changes: every 10th fails, every 10th + 5 sleeps
   * {@code slowSeconds} before succeeding, the others succeed at once.
   */
  ReliabilityPartition steadyPromises(int count, String slowSeconds) throws IOException {
    for (int i = 1; i <= count; i++) {
      String body;
      if (i % 10 == 0) {
        body = "echo 'promise " + i + " is down' >&2\nexit 1";
      } else if (i % 10 == 5) {
        body = "sleep " + slowSeconds + "\necho 'promise " + i + " is slow but fine'";
      } else {
        body = "echo 'promise " + i + " is fine'";
      }
      promise(String.format("steady-%03d", i), body);
    }
    return this;
  }

  ReliabilityPartition promise(String name, String body) throws IOException {
    Path file = promises.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  ReliabilityPartition timeoutSeconds(int seconds) throws IOException {
    Files.writeString(base.resolve("etc/promise_timeout"), seconds + "\n");
    return this;
  }

  /** An {@code [httpd]} section for the next {@link #writeConf}. */
  ReliabilityPartition httpd(List<String> lines) {
    httpd.clear();
    httpd.add("[httpd]");
    httpd.addAll(lines);
    return this;
  }

  ReliabilityPartition writeConf(String... monitorUrls) throws IOException {
    String p = base.toString();
    List<String> lines =
        new ArrayList<>(
            List.of(
                "[monitor]",
                "title = Reliability",
                "root-title = Reliability Root",
                "base-url = https://[::1]:8196",
                "public-folder = " + p + "/srv/monitor/public",
                "private-folder = " + p + "/srv/monitor/private",
                "webdav-folder = " + p + "/srv/monitor/webdav",
                "promise-folder = " + p + "/etc/promise",
                "monitor-promise-folder = " + p + "/etc/monitor-promise",
                "promises-timeout-file = " + p + "/etc/promise_timeout",
                "service-pid-folder = " + p + "/var/run/monitor",
                "pid-file = " + p + "/var/run/monitor/monitor-bootstrap.pid",
                "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
                "public-path-list =",
                "private-path-list =",
                "monitor-url-list = " + String.join(" ", monitorUrls),
                "parameter-file-path = " + p + "/etc/monitor_knowledge0.cfg",
                "parameter-list =",
                ""));
    lines.addAll(httpd);
    lines.add("");
    Files.writeString(conf, String.join("\n", lines));
    return this;
  }
}
