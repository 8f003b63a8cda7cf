package slapmon.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.launch.RunningMonitor;
import slapmon.runtime.launch.RuntimeConfig;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import slapmon.runtime.json.Json;

/**
 * A root monitor and two real slapmon HTTPS sub-monitors on loopback: one with a certificate of a
 * test CA, one with a self-signed certificate, both trusted through the root's {@code
 * sub-monitor-ca-file}. The root's global state (public and private monitor.global.json, read over
 * HTTPS as the dashboard and a parent root read them), its sub-monitor list and {@code /metrics}
 * turn ERROR when a sub-monitor fails or stops answering, and OK again when it recovers.
 */
@Timeout(600)
final class FleetStateTest {
  private static final String USER = "admin";
  private static final String PASSWORD = "fleet-state-Pa55";
  private static final Duration PERIOD = Duration.ofSeconds(2);
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @TempDir Path dir;
  private final List<RunningMonitor> monitors = new ArrayList<>();
  private HttpClient http;

  @AfterEach
  void stop() throws Exception {
    for (RunningMonitor monitor : monitors) {
      monitor.close();
    }
  }

  @Test
  void the_root_is_error_while_a_sub_monitor_fails_or_does_not_answer() throws Exception {
    FleetCertificates ca = FleetCertificates.create(dir.resolve("ca"));
    http = HttpClient.newBuilder()
        .sslContext(ca.clientContext())
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    Path htpasswd = dir.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    int subA = freePort();
    int subB = freePort();
    int root = freePort();
    FleetCertificates.Issued tlsA = ca.issue("sub-a");
    FleetCertificates.Issued tlsB = ca.selfSigned("sub-b");
    Path trusted = dir.resolve("sub-monitors-ca.pem");
    Files.writeString(trusted,
        Files.readString(ca.caFile) + Files.readString(tlsB.certificate()));
    Path flag = dir.resolve("make-check-fail");
    start("sub-a", subA, tlsA, htpasswd, List.of(), Optional.empty(), "check",
        "if [ -e '" + flag + "' ]; then echo 'CRITICAL - made to fail'; exit 2; fi; echo OK");
    RunningMonitor b = start("sub-b", subB, tlsB, htpasswd, List.of(), Optional.empty(),
        "fine", "echo OK");
    start("root", root, ca.issue("root"), htpasswd, List.of(url(subA), url(subB)),
        Optional.of(trusted), "root-ok", "echo OK");

    await("the root OK with both sub-monitors verified and OK", () ->
        rootIs(root, "OK", 2, 0, 0)
            && subMonitor(root, subA).path("status").asText().equals("OK")
            && subMonitor(root, subB).path("status").asText().equals("OK"));
    assertThat(subMonitor(root, subB).path("problem").isNull()).isTrue();
    String metrics = get(root, "/metrics").body();
    assertThat(metrics)
        .contains("slapmon_submonitor_answered{url=\"" + url(subA) + "\"} 1")
        .contains("slapmon_submonitor_answered{url=\"" + url(subB) + "\"} 1")
        .contains("slapmon_global_state{state=\"OK\"} 1");

    Files.writeString(flag, "");
    await("the root ERROR while check fails on sub-monitor a", () ->
        rootIs(root, "ERROR", 1, 1, 0)
            && subMonitor(root, subA).path("status").asText().equals("ERROR"));
    assertThat(get(root, "/metrics").body()).contains("slapmon_global_state{state=\"ERROR\"} 1");

    Files.delete(flag);
    await("the root OK again once check recovers", () -> rootIs(root, "OK", 2, 0, 0));

    b.close();
    monitors.remove(b);
    await("the root ERROR while sub-monitor b does not answer", () ->
        rootIs(root, "ERROR", 1, 0, 1)
            && !subMonitor(root, subB).path("problem").isNull());
    assertThat(get(root, "/metrics").body())
        .contains("slapmon_submonitor_answered{url=\"" + url(subB) + "\"} 0")
        .contains("slapmon_global_state{state=\"ERROR\"} 1");

    start("sub-b", subB, tlsB, htpasswd, List.of(), Optional.empty(), "fine", "echo OK");
    await("the root OK again once sub-monitor b answers", () -> rootIs(root, "OK", 2, 0, 0));
  }

  @Test
  void a_ca_file_without_certificates_stops_the_start_naming_the_option() throws Exception {
    FleetCertificates ca = FleetCertificates.create(dir.resolve("ca"));
    Path htpasswd = dir.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "not a certificate\n");

    assertThatThrownBy(() -> start("root", freePort(), ca.issue("root"), htpasswd,
            List.of("https://127.0.0.1:9"), Optional.of(notPem), "root-ok", "echo OK"))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("[monitor] sub-monitor-ca-file: " + notPem + ": expected PEM");
  }

  /**
   * Whether the root's public and private monitor.global.json (what the dashboard and a parent
   * root read) both say {@code status}, the private one with these sub-monitor counts.
   */
  private boolean rootIs(int root, String status, int ok, int error, int unreachable)
      throws Exception {
    JsonNode publicState = json(root, "/public/monitor.global.json");
    JsonNode privateState = json(root, "/private/monitor.global.json");
    JsonNode counts = privateState.path("sub-monitors");
    return publicState.path("status").asText().equals(status)
        && privateState.path("status").asText().equals(status)
        && counts.path("ok").asInt(-1) == ok
        && counts.path("error").asInt(-1) == error
        && counts.path("unreachable").asInt(-1) == unreachable
        && counts.path("warning").asInt(-1) == 0;
  }

  /** The dashboard's entry for a sub-monitor, from the root's monitor.sub-monitors.json. */
  private JsonNode subMonitor(int root, int port) throws Exception {
    for (JsonNode monitor : json(root, "/private/monitor.sub-monitors.json").path("monitors")) {
      if (monitor.path("url").asText().equals(url(port))) {
        return monitor;
      }
    }
    return Json.mapper().createObjectNode();
  }

  private RunningMonitor start(String name, int port, FleetCertificates.Issued tls, Path htpasswd,
      List<String> subs, Optional<Path> caFile, String promise, String script) throws Exception {
    Path partition = Files.createDirectories(dir.resolve(name));
    Path etc = Files.createDirectories(partition.resolve("etc"));
    Path promises = Files.createDirectories(etc.resolve("promise"));
    Path file = promises.resolve(promise);
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    file.toFile().setExecutable(true);
    String p = partition.toString();
    Path conf = etc.resolve("monitor.conf");
    Files.writeString(conf, String.join("\n",
        "[monitor]", "title = " + name, "root-title = Fleet", "base-url = " + url(port),
        "public-folder = " + p + "/srv/monitor/public",
        "private-folder = " + p + "/srv/monitor/private",
        "webdav-folder = " + p + "/srv/monitor/webdav", "promise-folder = " + promises,
        "service-pid-folder = " + p + "/var/run", "pid-file = " + p + "/var/run/b.pid",
        "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
        "public-path-list =", "private-path-list =",
        "monitor-url-list = " + String.join(" ", subs),
        "sub-monitor-ca-file = " + caFile.map(Path::toString).orElse(""),
        "parameter-file-path = " + p + "/etc/knowledge0.cfg", "parameter-list =",
        "[httpd]", "listen-address = 127.0.0.1", "port = " + port,
        "cert-file = " + tls.certificate(), "key-file = " + tls.key(),
        "htpasswd-file = " + htpasswd, "cors-domains =", ""));
    RunningMonitor monitor =
        RunningMonitor.start(RuntimeConfig.load(conf), PERIOD, Clock.systemUTC());
    monitors.add(monitor);
    return monitor;
  }

  private JsonNode json(int port, String path) throws Exception {
    HttpResponse<String> response = get(port, path);
    if (response.statusCode() != 200) {
      throw new IOException(path + ": HTTP " + response.statusCode()); // not published yet
    }
    return Json.mapper().readTree(response.body());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    String credentials = Base64.getEncoder()
        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(url(port) + path))
        .header("Authorization", "Basic " + credentials)
        .timeout(Duration.ofSeconds(20))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code condition} every half second, for {@link #LIMIT} at most. */
  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    Exception last = null;
    while (System.nanoTime() - deadline < 0) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (IOException e) {
        last = e; // a document not published yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("timed out waiting for " + what + " (" + last + ")");
  }

  private static String url(int port) {
    return "https://127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }
}
