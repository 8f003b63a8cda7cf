package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import slapmon.runtime.json.Json;
import slapmon.runtime.opml.OpmlWriter;

/**
 * The dashboard's forced run against a running monitor, through the real curl: a failing promise
 * fixed on disk shows OK in its status document as soon as the forced run answers, and the route
 * is refused without credentials, without the required header, and from a foreign origin.
 */
@Timeout(180)
final class ForcedRunHttpsTest {
  private static final String USER = "admin";
  private static final String PASSWORD = "s3cr:et$pw";

  @TempDir Path dir;
  private RunningMonitor monitor;
  private int port;
  private Path certificate;
  private Path netrc;
  private Path publicFolder;

  @BeforeEach
  void start() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    TlsFixture tls = TlsFixture.create(etc);
    certificate = tls.certificate;
    Path htpasswd = etc.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    netrc = etc.resolve("netrc");
    Files.writeString(netrc, "machine 127.0.0.1 login " + USER + " password " + PASSWORD + "\n");
    Path promises = Files.createDirectories(etc.resolve("promise"));
    Files.writeString(dir.resolve("broken"), "");
    Path promise = promises.resolve("check-app");
    Files.writeString(promise, "#!/bin/sh\nif [ -e '" + dir.resolve("broken")
        + "' ]; then echo 'app is down'; exit 1; fi\necho 'app is up'\n");
    Files.setPosixFilePermissions(promise, PosixFilePermissions.fromString("rwxr-xr-x"));
    publicFolder = Files.createDirectories(dir.resolve("srv/monitor/public"));
    Files.createDirectories(dir.resolve("srv/monitor/private"));
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
        "cert-file = " + certificate, "key-file = " + tls.key, "htpasswd-file = " + htpasswd,
        "cors-domains = monitor.app.officejs.com", ""));
    // A period of a day, and the first scheduled runs a day after the start: the scheduler and the
    // periodic publication leave the promise and the state to the forced runs during the test.
    monitor =
        RunningMonitor.start(
            RuntimeConfig.load(conf), Duration.ofDays(1), Clock.systemUTC(), Duration.ofDays(1));
  }

  @AfterEach
  void stop() throws IOException {
    monitor.close();
  }

  private record Reply(int status, String body) {}

  private Reply curl(String method, String path, boolean credentials, String... headers)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "-w", "\n%{http_code}",
        "--cacert", certificate.toString(), "-X", method));
    if (credentials) {
      command.addAll(List.of("--netrc-file", netrc.toString()));
    }
    for (String header : headers) {
      command.addAll(List.of("-H", header));
    }
    command.add("https://127.0.0.1:" + port + path);
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    int newline = out.lastIndexOf('\n');
    return new Reply(Integer.parseInt(out.substring(newline + 1).trim()), out.substring(0, newline));
  }

  /** A forced run of the promise; again while a scheduled run of it is in flight (409). */
  private Reply force(String title) throws IOException, InterruptedException {
    Reply reply = curl("POST", "/.slapmon/run?title=" + title, true, "X-Requested-With: test");
    for (int attempt = 0; attempt < 50 && reply.status() == 409; attempt++) {
      Thread.sleep(100);
      reply = curl("POST", "/.slapmon/run?title=" + title, true, "X-Requested-With: test");
    }
    return reply;
  }

  private JsonNode statusDocument() throws IOException {
    return Json.read(publicFolder.resolve("check-app.status.json"));
  }

  private JsonNode globalState() throws IOException {
    return Json.read(dir.resolve("srv/monitor/private/monitor.global.json"));
  }

  @Test
  void a_forced_run_of_a_fixed_promise_shows_it_ok_at_once() throws Exception {
    Reply failing = force("check-app");
    assertThat(failing.status()).as(failing.body()).isEqualTo(200);
    assertThat(Json.mapper().readTree(failing.body()).path("ok").asBoolean()).isFalse();
    assertThat(statusDocument().path("status").asText()).isEqualTo("ERROR");
    assertThat(globalState().path("status").asText()).isEqualTo("ERROR");

    Files.delete(dir.resolve("broken"));
    Reply fixed = force("check-app");
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
    JsonNode answer = Json.mapper().readTree(fixed.body());
    assertThat(answer.path("ok").asBoolean()).isTrue();
    assertThat(answer.path("promises").get(0).path("title").asText()).isEqualTo("check-app");
    assertThat(answer.path("promises").get(0).path("message").asText()).contains("app is up");
    assertThat(statusDocument().path("status").asText()).isEqualTo("OK");
    assertThat(statusDocument().toString()).contains("app is up");
    assertThat(globalState().path("status").asText())
        .as("the state the dashboard reads, published again by the forced run").isEqualTo("OK");
  }

  /**
   * The engine's first tick and the periodic tasks' first runs come a while after the server
   * listens (RunningMonitor.FIRST_RUNS_AFTER, a day here): a request in between gets a whole
   * answer, not one of a monitor still starting.
   */
  @Test
  void requests_before_the_first_scheduled_runs_get_whole_answers() throws Exception {
    Reply listing = curl("GET", "/public/", false);
    assertThat(listing.status()).as(listing.body()).isEqualTo(200);
    Reply run = force("check-app");
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    assertThat(run.body()).contains("app is down");
    assertThat(statusDocument().path("status").asText()).isEqualTo("ERROR");
    assertThat(globalState().path("status").asText())
        .as("the state, published by the forced run").isEqualTo("ERROR");
    // The forced run published the state on the periodic tasks' own thread, after any of their
    // runs then due: the OPML task's would have written the feeds file.
    assertThat(Files.exists(publicFolder.resolve(OpmlWriter.FILE_NAME)))
        .as("no periodic task has run yet").isFalse();
  }

  @Test
  void a_forced_run_of_all_runs_every_promise() throws Exception {
    Reply all = curl("POST", "/.slapmon/run", true, "X-Requested-With: test");
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.body()).contains("\"title\":\"check-app\"");
    assertThat(statusDocument().path("status").asText()).isEqualTo("ERROR");
  }

  @Test
  void the_route_is_refused_without_credentials_header_or_allowed_origin() throws Exception {
    String path = "/.slapmon/run?title=check-app";
    assertThat(curl("POST", path, false, "X-Requested-With: test").status()).isEqualTo(401);
    assertThat(curl("POST", path, true).status()).isEqualTo(403);
    assertThat(curl("POST", path, true, "X-Requested-With: test", "Origin: https://evil.example")
        .status()).isEqualTo(403);
    assertThat(curl("POST", path, true, "X-Requested-With: test",
        "Origin: https://monitor.app.officejs.com.evil.example").status()).isEqualTo(403);
    assertThat(curl("GET", path, true, "X-Requested-With: test").status()).isEqualTo(405);
    assertThat(Files.exists(publicFolder.resolve("check-app.status.json")))
        .as("no refused request ran the promise").isFalse();
    assertThat(curl("POST", "/.slapmon/run?title=nothing", true, "X-Requested-With: test")
        .status()).isEqualTo(404);
    assertThat(curl("POST", "/.slapmon/run?title=check-app&x=1", true, "X-Requested-With: test")
        .status()).isEqualTo(400);
    assertThat(curl("POST", path, true, "X-Requested-With: test",
        "Origin: https://127.0.0.1:" + port).status()).as("the dashboard's own origin").isEqualTo(200);
    assertThat(curl("POST", path, true, "X-Requested-With: test",
        "Origin: https://monitor.app.officejs.com").status()).as("an allowed origin").isEqualTo(200);
  }
}
