package slapmon.runtime.http.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import slapmon.runtime.launch.RunningMonitor;
import slapmon.runtime.launch.RuntimeConfig;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.http.auth.ApacheHtpasswd;

/**
 * A partition for the dashboard tests: real promise scripts (one failing, the rest OK), a report, editable parameters, a sub-monitor that answers and one that does not, an
 * archived day of history, a certificate made by openssl and an htpasswd file made by Apache's
 * htpasswd; then the real monitor on 127.0.0.1 with a short period.
 */
final class DashboardPartition implements AutoCloseable {
  static final int PROMISES = 500;
  static final String USER = "admin";
  static final String PASSWORD = "dash:b0ard$pw";
  static final String FAILING = "check-failing";
  static final String FAILING_MESSAGE = "disk /data is 97% full";
  /** OK but while {@link #fixableBroken()} exists. */
  static final String FIXABLE = "check-fixable";
  /** The default period: 500 promises every 10 s would load a shared 2-core machine. */
  static final Duration PERIOD = Duration.ofSeconds(60);

  final Path dir;
  final Path etc;
  final Path privateFolder;
  final Path certificate;
  final Path netrc;
  final int port;
  final String base;
  final String subMonitor;
  final String deadSubMonitor;
  private final HttpServer subServer;
  private final RunningMonitor monitor;

  private DashboardPartition(Path dir, int promises) throws Exception {
    this.dir = dir;
    etc = Files.createDirectories(dir.resolve("etc"));
    TlsFixture tls = TlsFixture.create(etc);
    certificate = tls.certificate;
    Path key = tls.key;
    Path htpasswd = etc.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    // No final newline: with one, the write-back refuses the unchanged password sent back as
    // config.json shows it (it compares the file's bytes, newline included, with htpasswd).
    Files.writeString(etc.resolve(".monitor_pwd"), PASSWORD);
    Files.writeString(etc.resolve("promise_timeout"), "20\n");
    Files.writeString(etc.resolve("httpd-cors.cfg"), "");
    netrc = etc.resolve("netrc");
    Files.writeString(netrc, "machine 127.0.0.1 login " + USER + " password " + PASSWORD + "\n");
    writePromises(Files.createDirectories(etc.resolve("promise")), promises);
    Path reports = Files.createDirectories(etc.resolve("monitor-report"));
    script(reports, "disk-report_every_1_minute", "echo 'all disks checked'");
    subServer = subMonitor("{\"title\": \"Database partition\", \"status\": \"ERROR\","
        + " \"date\": \"2026-11-24 10:00:00\"}");
    subMonitor = "http://127.0.0.1:" + subServer.getAddress().getPort();
    deadSubMonitor = "https://127.0.0.1:" + freePort();
    port = freePort();
    base = "https://127.0.0.1:" + port;
    privateFolder = dir.resolve("srv/monitor/private");
    Path conf = writeConf(key, htpasswd);
    monitor = RunningMonitor.start(RuntimeConfig.load(conf), PERIOD, Clock.systemUTC());
    archiveYesterday();
  }

  /** Starts the monitor with {@code promises} promises: check-ok, check-failing, check-fixable, svc-0000…. */
  static DashboardPartition start(Path dir, int promises) throws Exception {
    return new DashboardPartition(dir, promises);
  }

  private void writePromises(Path folder, int promises) throws IOException {
    script(folder, "check-ok", "echo 'everything is fine'");
    script(folder, FAILING, "echo '" + FAILING_MESSAGE + "' >&2\nexit 2");
    script(folder, FIXABLE, "if [ -e '" + fixableBroken() + "' ]; then echo 'fixable is down';"
        + " exit 1; fi\necho 'fixable is up'");
    for (int i = 0; i < promises - 3; i++) {
      script(folder, String.format("svc-%04d", i), "exit 0");
    }
  }

  private Path writeConf(Path key, Path htpasswd) throws IOException {
    String p = dir.toString();
    Path conf = etc.resolve("monitor.conf");
    Files.writeString(conf, String.join("\n",
        "[monitor]", "title = Dashboard test", "root-title = Dashboard root", "base-url = " + base,
        "public-folder = " + p + "/srv/monitor/public", "private-folder = " + privateFolder,
        "webdav-folder = " + p + "/srv/monitor/webdav", "promise-folder = " + etc.resolve("promise"),
        "report-folder = " + etc.resolve("monitor-report"),
        "promises-timeout-file = " + etc.resolve("promise_timeout"),
        "service-pid-folder = " + p + "/var/run", "pid-file = " + p + "/var/run/b.pid",
        "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
        "public-path-list =", "private-path-list =",
        "monitor-url-list = " + subMonitor + " " + deadSubMonitor,
        "parameter-file-path = " + etc.resolve("knowledge0.cfg"),
        "parameter-list =",
        "  raw monitor-user " + USER,
        "  file promise-timeout " + etc.resolve("promise_timeout"),
        "  htpasswd monitor-password " + etc.resolve(".monitor_pwd") + " " + USER + " " + htpasswd,
        "  httpdcors cors-domains " + etc.resolve("httpd-cors.cfg") + " /bin/true",
        "[httpd]", "listen-address = 127.0.0.1", "port = " + port,
        "cert-file = " + certificate, "key-file = " + key, "htpasswd-file = " + htpasswd,
        "cors-domains = monitor.app.officejs.com", ""));
    return conf;
  }

  /** Yesterday's history of the failing promise, as the history store archives a finished day. */
  private void archiveYesterday() throws IOException {
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    long start = yesterday.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    StringBuilder data = new StringBuilder();
    for (int hour = 0; hour < 24; hour++) {
      String status = hour >= 6 && hour < 9 ? "ERROR" : "OK";
      data.append(hour == 0 ? "" : ",").append(String.format(
          "{\"status\": \"%s\", \"change-time\": %d, \"start-date\": \"%s %02d:30:00\", \"message\": \"run %d\"}",
          status, start, yesterday, hour, hour));
    }
    Path documents = privateFolder.resolve("data/.jio_documents");
    Files.createDirectories(documents);
    Files.writeString(documents.resolve(FAILING + ".history." + yesterday + ".json"),
        "{\"date\": " + start + ", \"data\": [" + data + "]}");
  }

  /** A sub-monitor's public monitor.global.json on plain HTTP (loopback). */
  private static HttpServer subMonitor(String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/public/monitor.global.json", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return server;
  }

  /** Base64 SHA-256 of the certificate's public key: what Chromium's SPKI allow-list takes. */
  String spkiHash() throws Exception {
    X509Certificate x509;
    try (var in = Files.newInputStream(certificate)) {
      x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(x509.getPublicKey().getEncoded());
    return Base64.getEncoder().encodeToString(digest);
  }

  /** curl's answer: status line, headers and body; credentials from the netrc file when asked. */
  String curl(String path, boolean withCredentials) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "--path-as-is",
        "--cacert", certificate.toString()));
    if (withCredentials) {
      command.addAll(List.of("--netrc-file", netrc.toString()));
    }
    command.add(base + path);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("curl did not finish: " + command);
    }
    return out;
  }

  Path fixableBroken() {
    return dir.resolve("fixable-broken");
  }

  private static void script(Path folder, String name, String body) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }


  @Override
  public void close() throws IOException {
    try {
      monitor.close();
    } finally {
      subServer.stop(0);
    }
  }
}
