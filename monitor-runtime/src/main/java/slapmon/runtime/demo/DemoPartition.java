package slapmon.runtime.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slapmon.config.ini.IniWriter;
import slapmon.runtime.http.auth.BcryptLine;
import slapmon.runtime.tls.SelfSignedCertificate;
import slapmon.templates.GeneratedPassword;
import slapmon.runtime.io.AtomicFiles;

/**
 * A throw-away partition to try slapmon on: sample promises (one OK, one failing, one that times
 * out, a Nagios plugin when monitoring-plugins is installed), a report, a generated password in a
 * bcrypt htpasswd file, a self-signed certificate made by openssl, and the monitor.conf for them.
 */
public final class DemoPartition {
  public static final String USER = "admin";
  static final String NAGIOS_DUMMY = "/usr/lib/nagios/plugins/check_dummy";

  /** What the demo made: where its configuration is, and how to reach it. */
  public record Made(Path conf, String baseUrl, String user, String password) {
    @Override
    public String toString() {
      return "demo partition " + conf + " at " + baseUrl;
    }
  }

  private DemoPartition() {}

  public static Made create(Path dir, int port, SecureRandom random)
      throws IOException, InterruptedException {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    writePromises(Files.createDirectories(etc.resolve("promise")));
    Files.createDirectories(etc.resolve("monitor-promise"));
    script(Files.createDirectories(etc.resolve("monitor-report")), "disk-usage_every_1_minute",
        "df -h " + quote(dir.toString()));
    AtomicFiles.writeString(etc.resolve("promise_timeout"), "5\n");
    String password = GeneratedPassword.of(random);
    AtomicFiles.write(etc.resolve(".monitor_pwd"), (password + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
    AtomicFiles.write(etc.resolve("monitor-htpasswd"),
        (BcryptLine.of(USER, password, random) + "\n").getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-------"));
    Path ssl = Files.createDirectories(dir.resolve("srv/ssl"));
    selfSignedCertificate(ssl.resolve("httpd.crt"), ssl.resolve("httpd.key"));
    String baseUrl = "https://127.0.0.1:" + port;
    Path conf = etc.resolve("monitor.conf");
    AtomicFiles.writeString(conf, IniWriter.write(sections(dir, port, baseUrl)));
    return new Made(conf, baseUrl, USER, password);
  }

  private static Map<String, Map<String, String>> sections(Path dir, int port, String baseUrl) {
    String p = dir.toString();
    Map<String, String> monitor = new LinkedHashMap<>();
    monitor.put("title", "slapmon demo");
    monitor.put("root-title", "slapmon demo tree");
    monitor.put("base-url", baseUrl);
    monitor.put("public-folder", p + "/srv/monitor/public");
    monitor.put("private-folder", p + "/srv/monitor/private");
    monitor.put("webdav-folder", p + "/srv/monitor/webdav");
    monitor.put("promise-folder", p + "/etc/promise");
    monitor.put("monitor-promise-folder", p + "/etc/monitor-promise");
    monitor.put("report-folder", p + "/etc/monitor-report");
    monitor.put("promises-timeout-file", p + "/etc/promise_timeout");
    monitor.put("service-pid-folder", p + "/var/run/monitor");
    monitor.put("pid-file", p + "/var/run/monitor/monitor-bootstrap.pid");
    monitor.put("promise-output-file", p + "/srv/monitor/monitor-bootstrap-status");
    monitor.put("public-path-list", "");
    monitor.put("private-path-list", p + "/var/log");
    monitor.put("monitor-url-list", "");
    monitor.put("parameter-file-path", p + "/etc/monitor_knowledge0.cfg");
    monitor.put("parameter-list", String.join("\n",
        "raw monitor-user " + USER,
        "htpasswd monitor-password " + p + "/etc/.monitor_pwd " + USER + " " + p + "/etc/monitor-htpasswd",
        "file promise-timeout " + p + "/etc/promise_timeout"));
    Map<String, String> httpd = new LinkedHashMap<>();
    httpd.put("listen-address", "127.0.0.1");
    httpd.put("port", Integer.toString(port));
    httpd.put("cert-file", p + "/srv/ssl/httpd.crt");
    httpd.put("key-file", p + "/srv/ssl/httpd.key");
    httpd.put("htpasswd-file", p + "/etc/monitor-htpasswd");
    httpd.put("cors-domains", "monitor.app.officejs.com");
    httpd.put("access-log", p + "/var/log/monitor/monitor-httpd-access.log");
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    sections.put("monitor", monitor);
    sections.put("httpd", httpd);
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

  /** A certificate for 127.0.0.1 and ::1 valid one year; the key is PKCS#8 and mode 0600. */
  private static void selfSignedCertificate(Path certificate, Path key)
      throws IOException, InterruptedException {
    SelfSignedCertificate.create(
        certificate,
        key,
        "slapmon demo",
        List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
        365);
  }
}
