package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.http.auth.ApacheHtpasswd;

/**
 * The parameter editor end to end, as the OfficeJS app and the dashboard use it: a running
 * monitor with its real HTTPS server, an edit uploaded over WebDAV with curl (credentials in a
 * curl config file, never on the command line), the outcome read back over HTTPS, and the new password
 * and CORS domains in force from the next request, and after a restart.
 */
@Timeout(180)
final class ConfigWriteBackHttpsTest {
  private static final String USER = "admin";
  private static final String OLD_PASSWORD = "old:pa$$word";
  private static final String NEW_PASSWORD = "n3w pa$$word:x";
  private static final String CONFIG = "/config/.jio_documents/";

  @TempDir Path dir;
  private final Logs logs = new Logs();
  private RunningMonitor monitor;
  private Path conf;
  private Path certificate;
  private Path etc;
  private int port;

  @BeforeEach
  void start() throws Exception {
    etc = Files.createDirectories(dir.resolve("etc"));
    TlsFixture tls = TlsFixture.create(etc);
    certificate = tls.certificate;
    Path key = tls.key;
    Path htpasswd = etc.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, OLD_PASSWORD);
    Files.writeString(etc.resolve(".monitor_pwd"), OLD_PASSWORD);
    Files.writeString(etc.resolve("httpd-cors.cfg"), "");
    Files.writeString(etc.resolve("promise_timeout"), "20\n");
    Files.createDirectories(etc.resolve("promise"));
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    String p = dir.toString();
    conf = etc.resolve("monitor.conf");
    Files.writeString(conf, String.join("\n",
        "[monitor]", "title = T", "root-title = R", "base-url = https://127.0.0.1:" + port,
        "public-folder = " + p + "/srv/monitor/public", "private-folder = " + p + "/srv/monitor/private",
        "webdav-folder = " + p + "/srv/monitor/webdav", "promise-folder = " + p + "/etc/promise",
        "service-pid-folder = " + p + "/var/run", "pid-file = " + p + "/var/run/b.pid",
        "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
        "promises-timeout-file = " + p + "/etc/promise_timeout",
        "public-path-list =", "private-path-list =", "monitor-url-list =",
        "parameter-file-path = " + p + "/etc/knowledge0.cfg",
        "parameter-list = raw monitor-user admin",
        "  htpasswd monitor-password " + p + "/etc/.monitor_pwd admin " + htpasswd,
        "  httpdcors cors-domain " + p + "/etc/httpd-cors.cfg /bin/true",
        "  file promise-timeout " + p + "/etc/promise_timeout",
        "[httpd]", "listen-address = 127.0.0.1", "port = " + port,
        "cert-file = " + certificate, "key-file = " + key, "htpasswd-file = " + htpasswd,
        "cors-domains = monitor.app.officejs.com", ""));
    monitor = startMonitor();
  }

  private RunningMonitor startMonitor() throws Exception {
    return RunningMonitor.start(RuntimeConfig.load(conf), Duration.ofSeconds(60), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws IOException {
    monitor.close();
    logs.close();
  }

  /** Every message logged under {@code slapmon}, formatted. */
  private static final class Logs extends java.util.logging.Handler {
    private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("slapmon");
    private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

    Logs() {
      root.addHandler(this);
    }

    @Override
    public void publish(java.util.logging.LogRecord record) {
      messages.add(new java.util.logging.SimpleFormatter().formatMessage(record));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      root.removeHandler(this);
    }
  }

  @Test
  void an_edit_uploaded_over_webdav_changes_the_password_and_the_cors_domains_at_once()
      throws Exception {
    Path oldNetrc = netrc("old", OLD_PASSWORD);
    Path newNetrc = netrc("new", NEW_PASSWORD);
    assertThat(corsOrigin("https://app.example.net")).isEmpty();
    String edit = "[" + entry("", "monitor-user", "admin") + ", "
        + entry("monitor-password", "monitor-password", NEW_PASSWORD) + ", "
        + entry("cors-domain", "cors-domain", "example.net") + ", "
        + entry("promise-timeout", "promise-timeout", "20\n") + "]";

    assertThat(put("/share/jio_private" + CONFIG + "config.tmp.json", edit, oldNetrc))
        .isEqualTo(201);
    JsonNode result = awaitResult(newNetrc);

    assertThat(result.get("status").asText()).isEqualTo("applied");
    assertThat(result.at("/results/monitor-password/outcome").asText()).isEqualTo("applied");
    assertThat(result.at("/results/cors-domain/outcome").asText()).isEqualTo("applied");
    assertThat(result.at("/results/promise-timeout/outcome").asText()).isEqualTo("unchanged");
    assertThat(result.at("/results/monitor-user/outcome").asText()).isEqualTo("unchanged");
    assertThat(status("GET", "/private/", newNetrc)).isEqualTo(200);
    assertThat(status("GET", "/private/", oldNetrc)).isEqualTo(401);
    assertThat(corsOrigin("https://app.example.net")).isEqualTo("https://app.example.net");
    assertThat(corsOrigin("https://monitor.app.officejs.com"))
        .as("the edited domains replace monitor.conf's")
        .isEmpty();
    assertThat(Files.readString(etc.resolve("prev_httpd-cors.cfg"))).isEqualTo("example.net");
    assertThat(Files.readString(etc.resolve(".monitor_pwd"))).isEqualTo(NEW_PASSWORD);
    assertThat(Files.readString(etc.resolve("knowledge0.cfg")))
        .contains("monitor-password = " + NEW_PASSWORD + "\n", "cors-domain = example.net\n");
    assertThat(dir.resolve("srv/monitor/private" + CONFIG + "config.tmp.json")).doesNotExist();

    monitor.close();
    monitor = startMonitor();

    assertThat(corsOrigin("https://app.example.net"))
        .as("a saved domain list outlives a restart")
        .isEqualTo("https://app.example.net");
    assertThat(status("GET", "/private/", newNetrc)).isEqualTo(200);
    assertThat(logs.messages).anyMatch(m -> m.startsWith("event=config-edit status=applied"));
    assertThat(String.join("\n", logs.messages))
        .doesNotContain(NEW_PASSWORD)
        .doesNotContain(OLD_PASSWORD);
  }

  @Test
  void a_refused_edit_says_why_over_https_and_changes_nothing() throws Exception {
    Path oldNetrc = netrc("old", OLD_PASSWORD);
    Path htpasswd = etc.resolve("monitor-htpasswd");
    byte[] before = Files.readAllBytes(htpasswd);
    String edit = "[" + entry("monitor-password", "monitor-password", NEW_PASSWORD) + ", "
        + entry("promise-timeout", "promise-timeout", "abc") + "]";

    assertThat(put("/share/private" + CONFIG + "config.tmp.json", edit, oldNetrc)).isEqualTo(201);
    JsonNode result = awaitResult(oldNetrc);

    assertThat(result.get("status").asText()).isEqualTo("refused");
    assertThat(result.at("/results/promise-timeout/reason").asText())
        .isEqualTo("expected whole seconds from 1 to 3600 such as 20 or 20s, got 'abc'");
    assertThat(result.at("/results/monitor-password/reason").asText())
        .isEqualTo("not applied: another key was refused");
    assertThat(Files.readAllBytes(htpasswd)).isEqualTo(before);
    assertThat(status("GET", "/private/", oldNetrc)).isEqualTo(200);
  }

  @Test
  void the_promise_timeout_is_accepted_and_refused_by_the_rule_of_monitor_conf() throws Exception {
    Path netrc = netrc("old", OLD_PASSWORD);
    Path result = dir.resolve("srv/monitor/private" + CONFIG + "config.result.json");
    for (String value : List.of("20s", "0", "7200", "abc")) {
      Files.deleteIfExists(result);
      String edit = "[" + entry("promise-timeout", "promise-timeout", value) + "]";
      assertThat(put("/share/private" + CONFIG + "config.tmp.json", edit, netrc)).isEqualTo(201);
      JsonNode got = awaitResult(netrc);
      if (value.equals("20s")) {
        assertThat(got.at("/results/promise-timeout/outcome").asText()).isEqualTo("applied");
      } else {
        assertThat(got.at("/results/promise-timeout/reason").asText())
            .as(value)
            .isEqualTo(
                "expected whole seconds from 1 to 3600 such as 20 or 20s, got '" + value + "'");
      }
    }
    assertThat(Files.readString(etc.resolve("promise_timeout"))).isEqualTo("20s");
  }

  @Test
  void an_anonymous_upload_is_refused_and_changes_nothing() throws Exception {
    Path wrong = netrc("wrong", "not-the-password");
    String edit = "[" + entry("monitor-password", "monitor-password", NEW_PASSWORD) + "]";
    Path documents = dir.resolve("srv/monitor/private" + CONFIG);

    assertThat(put("/share/jio_private" + CONFIG + "config.tmp.json", edit, null)).isEqualTo(401);
    assertThat(put("/share/private" + CONFIG + "config.tmp.json", edit, null)).isEqualTo(401);
    assertThat(put("/share/jio_private" + CONFIG + "config.tmp.json", edit, wrong)).isEqualTo(401);
    assertThat(put("/private" + CONFIG + "config.tmp.json", edit, null)).isEqualTo(401);

    assertThat(documents.resolve("config.tmp.json")).doesNotExist();
    assertThat(documents.resolve("config.result.json")).doesNotExist();
    assertThat(Files.readString(etc.resolve(".monitor_pwd"))).isEqualTo(OLD_PASSWORD);
  }

  /**
   * Waits (bounded) for config.result.json to appear, then reads it over HTTPS as a client would
   * (polling over HTTPS with a password about to change would get the client throttled).
   */
  private JsonNode awaitResult(Path netrc) throws Exception {
    Path result = dir.resolve("srv/monitor/private" + CONFIG + "config.result.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(result) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    List<String> got = curl("GET", "/share/jio_private" + CONFIG + "config.result.json", netrc, List.of());
    assertThat(got.get(0)).as("config.result.json over HTTPS").isEqualTo("200");
    return Json.mapper().readTree(got.get(1));
  }

  private static String entry(String key, String title, String value) {
    return Json.text(java.util.Map.of("key", key, "title", title, "value", value));
  }

  /** A curl config file ({@code -K}) holding the credentials: a netrc cannot hold a space. */
  private Path netrc(String name, String password) throws IOException {
    Path file = etc.resolve("curl-" + name);
    String quoted = (USER + ":" + password).replace("\\", "\\\\").replace("\"", "\\\"");
    Files.writeString(file, "user = \"" + quoted + "\"\n");
    return file;
  }

  private int put(String path, String body, Path netrc) throws Exception {
    Path file = Files.writeString(Files.createTempFile(dir, "upload", ".json"), body);
    return Integer.parseInt(
        curl("PUT", path, netrc, List.of("--data-binary", "@" + file)).get(0));
  }

  private int status(String method, String path, Path netrc) throws Exception {
    return Integer.parseInt(curl(method, path, netrc, List.of()).get(0));
  }

  /** The status code and the body of one curl request. */
  private List<String> curl(String method, String path, Path netrc, List<String> extra)
      throws Exception {
    Path body = dir.resolve("body");
    List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", body.toString(), "-w",
        "%{http_code}", "--cacert", certificate.toString(), "-X", method));
    if (netrc != null) {
      command.addAll(List.of("-K", netrc.toString()));
    }
    command.addAll(extra);
    command.add("https://127.0.0.1:" + port + path);
    String code = run(command, null);
    String text = Files.exists(body) ? Files.readString(body) : "";
    Files.deleteIfExists(body);
    return List.of(code.trim(), text);
  }

  /** The Access-Control-Allow-Origin a GET with {@code origin} gets back, "" when none. */
  private String corsOrigin(String origin) throws Exception {
    String headers = run(List.of("curl", "-s", "-D", "-", "-o", "/dev/null", "--cacert",
        certificate.toString(), "-H", "Origin: " + origin,
        "https://127.0.0.1:" + port + "/public/"), null);
    for (String line : headers.split("\r?\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("access-control-allow-origin:")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return "";
  }

  private static String run(List<String> command, String stdin) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s: %s", command.get(0), out).isZero();
    return out;
  }
}
