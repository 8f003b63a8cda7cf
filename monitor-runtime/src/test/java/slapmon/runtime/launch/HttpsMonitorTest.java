package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.http.auth.ApacheHtpasswd;

/**
 * A running monitor with {@code [httpd]}: every route × method × (no credentials, wrong password,
 * right password) through the real curl, with an htpasswd file written by Apache's htpasswd and a
 * certificate made by openssl. Includes the anchoring cases of SPEC D.37.
 */
@Timeout(180)
final class HttpsMonitorTest {
  private static final String USER = "admin";
  private static final String PASSWORD = "s3cr:et$pw";

  @TempDir Path dir;
  private RunningMonitor monitor;
  private int port;
  private Path certificate;
  private Path netrcRight;
  private Path netrcWrong;

  @BeforeEach
  void start() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    TlsFixture tls = TlsFixture.create(etc);
    certificate = tls.certificate;
    Path key = tls.key;
    Path htpasswd = etc.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    netrcRight = etc.resolve("netrc-right");
    Files.writeString(netrcRight, "machine 127.0.0.1 login " + USER + " password " + PASSWORD + "\n");
    netrcWrong = etc.resolve("netrc-wrong");
    Files.writeString(netrcWrong, "machine 127.0.0.1 login " + USER + " password wrong\n");
    Files.createDirectories(etc.resolve("promise"));
    Path publicFolder = Files.createDirectories(dir.resolve("srv/monitor/public"));
    Path privateFolder = Files.createDirectories(dir.resolve("srv/monitor/private"));
    // Not a status file: the engine removes status files of promises that do not exist.
    Files.writeString(publicFolder.resolve("notes.json"), "{}");
    Files.writeString(publicFolder.resolve("p.history.json"), "{\"date\":1,\"data\":[]}");
    Files.writeString(privateFolder.resolve("secret.txt"), "private");
    Files.writeString(privateFolder.resolve(".hidden"), "hidden");
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    String p = dir.toString();
    Path conf = etc.resolve("monitor.conf");
    Files.writeString(conf, String.join("\n",
        "[monitor]", "title = T", "root-title = R", "base-url = https://127.0.0.1:" + port,
        "public-folder = " + p + "/srv/monitor/public", "private-folder = " + p + "/srv/monitor/private",
        "webdav-folder = " + p + "/srv/monitor/webdav", "promise-folder = " + p + "/etc/promise",
        "service-pid-folder = " + p + "/var/run", "pid-file = " + p + "/var/run/b.pid",
        "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
        "public-path-list =", "private-path-list =", "monitor-url-list =",
        "parameter-file-path = " + p + "/etc/knowledge0.cfg", "parameter-list =",
        "[httpd]", "listen-address = 127.0.0.1", "port = " + port,
        "cert-file = " + certificate, "key-file = " + key, "htpasswd-file = " + htpasswd,
        "cors-domains = monitor.app.officejs.com", "access-log = " + p + "/var/log/access.log", ""));
    monitor = RunningMonitor.start(RuntimeConfig.load(conf), Duration.ofSeconds(60), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    monitor.close();
  }


  /** The HTTP status curl got; credentials come from a netrc file, never the command line. */
  private int status(String method, String path, Path netrc, String... extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
        "--path-as-is", "--cacert", certificate.toString(), "-X", method));
    if (netrc != null) {
      command.addAll(List.of("--netrc-file", netrc.toString()));
    }
    command.addAll(List.of(extra));
    command.add("https://127.0.0.1:" + port + path);
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Integer.parseInt(out.trim());
  }

  /** Expected statuses without credentials, with a wrong password, with the right one. */
  private void expect(String method, String path, int none, int wrong, int right, String... extra)
      throws Exception {
    assertThat(List.of(status(method, path, null, extra), status(method, path, netrcWrong, extra),
            status(method, path, netrcRight, extra)))
        .as("%s %s (none, wrong, right)", method, path)
        .containsExactly(none, wrong, right);
  }

  @Test
  void every_route_answers_as_its_access_rule_says() throws Exception {
    expect("GET", "/public/notes.json", 200, 200, 200);
    expect("GET", "/private/secret.txt", 401, 401, 200);
    expect("GET", "/secret.txt", 401, 401, 200);
    expect("GET", "/private/p.history.json", 401, 401, 200);
    expect("GET", "/private/.hidden", 401, 401, 404);
    expect("GET", "/", 401, 401, 200);
    expect("GET", "/metrics", 401, 401, 200);
    expect("GET", "/metrics/targets", 401, 401, 200);
    expect("PROPFIND", "/share/public/", 207, 207, 207, "-H", "Depth: 1");
    expect("PROPFIND", "/share/jio_public/.jio_documents/", 207, 207, 207, "-H", "Depth: 1");
    expect("GET", "/share/public/notes.json", 200, 200, 200);
    expect("PROPFIND", "/share/private/", 401, 401, 207, "-H", "Depth: 1");
    expect("GET", "/share/private/secret.txt", 401, 401, 200);
    expect("OPTIONS", "/share/private/", 200, 200, 200);
    // Anchoring (SPEC D.37): these are not the public tree.
    expect("GET", "/share/publicity", 401, 401, 404);
    expect("GET", "/share/private/share/public/x", 401, 401, 404);
    expect("GET", "/share/public/../private/secret.txt", 400, 400, 400);
    expect("GET", "/share/public/%2e%2e/private/secret.txt", 400, 400, 400);
  }

  @Test
  void webdav_cannot_remove_move_or_replace_the_monitors_own_folders() throws Exception {
    String share = "https://127.0.0.1:" + port + "/share";
    assertThat(status("DELETE", "/share/public", netrcRight)).isEqualTo(403);
    assertThat(status("DELETE", "/share/jio_private/config", netrcRight)).isEqualTo(403);
    assertThat(status("MOVE", "/share/private/config", netrcRight,
        "-H", "Destination: " + share + "/private/moved")).isEqualTo(403);
    assertThat(status("COPY", "/share/private/secret.txt", netrcRight,
        "-H", "Destination: " + share + "/private/documents", "-H", "Overwrite: T")).isEqualTo(403);
    Path webdav = dir.resolve("srv/monitor/webdav");
    assertThat(webdav.resolve("public")).isSymbolicLink();
    assertThat(webdav.resolve("jio_private/config")).isSymbolicLink();
    assertThat(dir.resolve("srv/monitor/private/config/.jio_documents")).isDirectory();
    assertThat(dir.resolve("srv/monitor/private/documents")).isSymbolicLink();
    assertThat(status("GET", "/public/notes.json", null)).isEqualTo(200);
    assertThat(status("GET", "/share/public/notes.json", null)).isEqualTo(200);
    assertThat(status("PUT", "/share/private/config/.jio_documents/x.json", netrcRight,
        "--data-binary", "{}")).as("what is in them stays the client's").isEqualTo(201);
  }

  @Test
  void writes_under_the_public_share_need_credentials() throws Exception {
    assertThat(status("PUT", "/share/public/new.txt", null, "--data-binary", "x")).isEqualTo(401);
    assertThat(status("PUT", "/share/public/new.txt", netrcWrong, "--data-binary", "x")).isEqualTo(401);
    assertThat(status("PUT", "/share/public/new.txt", netrcRight, "--data-binary", "x")).isEqualTo(201);
    assertThat(status("DELETE", "/share/public/new.txt", null)).isEqualTo(401);
    assertThat(status("MKCOL", "/share/jio_public/newdir", null)).isEqualTo(401);
  }

  @Test
  void the_password_is_never_in_the_access_log() throws Exception {
    status("GET", "/private/secret.txt", netrcRight);
    monitor.close();
    String log = Files.readString(dir.resolve("var/log/access.log"));
    assertThat(log).contains("\"GET /private/secret.txt HTTP/1.1\" 200");
    assertThat(log).doesNotContain(PASSWORD).doesNotContain("Basic ");
    monitor = RunningMonitor.start(
        RuntimeConfig.load(dir.resolve("etc/monitor.conf")), Duration.ofSeconds(60), Clock.systemUTC());
  }

  @Test
  void cors_domains_edited_in_monitor_conf_apply_without_a_restart() throws Exception {
    String before = curlHeaders("https://app.example.org");
    assertThat(before).doesNotContainIgnoringCase("access-control-allow-origin");
    Path conf = dir.resolve("etc/monitor.conf");
    Files.writeString(conf, Files.readString(conf).replace(
        "cors-domains = monitor.app.officejs.com", "cors-domains = monitor.app.officejs.com example.org"));
    Files.setLastModifiedTime(conf, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String after = curlHeaders("https://app.example.org");
    while (!after.toLowerCase(java.util.Locale.ROOT).contains("access-control-allow-origin")
        && System.nanoTime() < deadline) {
      after = curlHeaders("https://app.example.org");
    }
    assertThat(after).containsIgnoringCase("access-control-allow-origin: https://app.example.org");
  }

  private String curlHeaders(String origin) throws IOException, InterruptedException {
    Process curl = new ProcessBuilder("curl", "-s", "-D", "-", "-o", "/dev/null", "--cacert",
            certificate.toString(), "-H", "Origin: " + origin, "https://127.0.0.1:" + port + "/public/notes.json")
        .redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
