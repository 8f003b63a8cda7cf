package slapmon.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.launch.RunningMonitor;
import slapmon.runtime.launch.RuntimeConfig;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import slapmon.runtime.json.Json;

/**
 * Debian's real Prometheus on loopback watching a fleet of three real slapmon HTTPS servers (a root
 * and two sub-monitors, certificates of one CA): it discovers them through the root's {@code
 * /metrics/targets} (http_sd), scrapes all three over HTTPS with Basic auth and the CA file,
 * evaluates the shipped rules of docs/prometheus/, and a promise made to fail on a sub-monitor
 * fires the shipped {@code SlapmonPromiseFailing} alert; a Nagios WARNING is WARNING in the series.
 */
@Timeout(480)
final class PrometheusFleetTest {
  private static final String USER = "prometheus";
  private static final String PASSWORD = "fleet-Pa55:word";
  private static final Duration PROMISE_PERIOD = Duration.ofSeconds(2);
  private static final Duration LIMIT = Duration.ofMinutes(5);

  @TempDir Path dir;
  private final List<RunningMonitor> monitors = new ArrayList<>();
  private Process prometheus;
  private Path prometheusLog;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    for (RunningMonitor monitor : monitors) {
      monitor.close();
    }
  }

  @Test
  void prometheus_discovers_the_fleet_scrapes_it_and_fires_the_shipped_alert() throws Exception {
    FleetCertificates ca = FleetCertificates.create(dir.resolve("ca"));
    Path htpasswd = dir.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    int subA = freePort();
    int subB = freePort();
    int root = freePort();
    // On sub-monitor a, "check" fails (exit 2, CRITICAL) once the flag exists; on b, "load" is a
    // Nagios plugin's WARNING (exit 1).
    Path flag = dir.resolve("make-check-fail");
    start("sub-a", subA, ca, htpasswd, List.of(),
        "check", "if [ -e '" + flag + "' ]; then echo 'CRITICAL - made to fail'; exit 2; fi; echo OK");
    start("sub-b", subB, ca, htpasswd, List.of(), "load", "echo 'LOAD WARNING - load 9'; exit 1");
    start("root", root, ca, htpasswd, List.of(url(subA), url(subB)), "root-ok", "echo OK");

    int port = freePort();
    startPrometheus(port, ca.caFile, root);

    Set<String> instances = Set.of(address(root), address(subA), address(subB));
    await("Prometheus scraping the three monitors it discovered", () -> {
      Set<String> up = new TreeSet<>();
      for (JsonNode target : api(port, "/api/v1/targets?state=active").path("activeTargets")) {
        if (target.path("health").asText().equals("up")
            && target.path("scrapeUrl").asText().startsWith("https://")) {
          up.add(target.path("labels").path("instance").asText());
        }
      }
      return up.equals(instances);
    });
    JsonNode rootTarget = query(port, "slapmon_monitor_info{slapmon_role=\"self\"}");
    assertThat(rootTarget).hasSize(1);
    assertThat(rootTarget.get(0).path("metric").path("title").asText()).isEqualTo("root");
    assertThat(rootTarget.get(0).path("metric").path("slapmon_root_title").asText())
        .isEqualTo("Fleet");

    await("the WARNING of sub-monitor b as WARNING", () -> {
      JsonNode warning = query(port, "slapmon_promise_state{state=\"WARNING\"} == 1");
      return warning.size() == 1
          && warning.get(0).path("metric").path("instance").asText().equals(address(subB))
          && warning.get(0).path("metric").path("promise").asText().equals("load");
    });
    assertThat(query(port, "slapmon_promise_state{state=\"ERROR\",promise=\"load\"} == 1")).isEmpty();

    await("check OK on sub-monitor a", () ->
        query(port, "slapmon_promise_state{promise=\"check\",state=\"OK\"} == 1").size() == 1);
    assertThat(alerts(port, "SlapmonPromiseFailing")).isEmpty();
    Files.writeString(flag, "");

    await("SlapmonPromiseFailing firing for check on sub-monitor a", () -> {
      for (JsonNode alert : alerts(port, "SlapmonPromiseFailing")) {
        JsonNode labels = alert.path("labels");
        if (alert.path("state").asText().equals("firing")
            && labels.path("instance").asText().equals(address(subA))
            && labels.path("promise").asText().equals("check")
            && labels.path("state").asText().equals("CRITICAL")
            && labels.path("severity").asText().equals("critical")
            && labels.path("slapmon_root_title").asText().equals("Fleet")) {
          return true;
        }
      }
      return false;
    });
    // The counters went up with the failed runs.
    assertThat(query(port,
        "slapmon_promise_failures_total{promise=\"check\",instance=\"" + address(subA) + "\"} > 0"))
        .hasSize(1);
  }

  private void start(String name, int port, FleetCertificates ca, Path htpasswd, List<String> subs,
      String promise, String script) throws Exception {
    Path partition = Files.createDirectories(dir.resolve(name));
    Path etc = Files.createDirectories(partition.resolve("etc"));
    Path promises = Files.createDirectories(etc.resolve("promise"));
    Path file = promises.resolve(promise);
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    file.toFile().setExecutable(true);
    FleetCertificates.Issued tls = ca.issue(name);
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
        "parameter-file-path = " + p + "/etc/knowledge0.cfg", "parameter-list =",
        "[httpd]", "listen-address = 127.0.0.1", "port = " + port,
        "cert-file = " + tls.certificate(), "key-file = " + tls.key(),
        "htpasswd-file = " + htpasswd, "cors-domains =", ""));
    monitors.add(RunningMonitor.start(RuntimeConfig.load(conf), PROMISE_PERIOD, Clock.systemUTC()));
  }

  private void startPrometheus(int port, Path caFile, int root) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("prometheus"));
    Path passwordFile = folder.resolve("password");
    Files.createFile(passwordFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(passwordFile, PASSWORD);
    Path rules = PrometheusRulesTest.RULES.toAbsolutePath().normalize();
    Path config = folder.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:", "  scrape_interval: 2s", "  scrape_timeout: 2s", "  evaluation_interval: 1s",
        "rule_files:", "  - " + rules,
        "scrape_configs:", "  - job_name: slapmon",
        auth("    ", passwordFile, caFile),
        "    http_sd_configs:", "      - url: " + url(root) + "/metrics/targets",
        "        refresh_interval: 2s",
        auth("        ", passwordFile, caFile),
        ""));
    prometheusLog = folder.resolve("prometheus.log");
    prometheus =
        new ProcessBuilder(
                "prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(prometheusLog.toFile())
            .start();
    await("Prometheus ready", () -> get(port, "/-/ready").statusCode() == 200);
  }

  /** Basic auth and the CA file, as YAML at {@code indent}. */
  private static String auth(String indent, Path passwordFile, Path caFile) {
    return String.join("\n",
        indent + "basic_auth:", indent + "  username: " + USER,
        indent + "  password_file: " + passwordFile,
        indent + "tls_config:", indent + "  ca_file: " + caFile);
  }

  private JsonNode api(int port, String path) throws Exception {
    HttpResponse<String> response = get(port, path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body()).path("data");
  }

  private JsonNode query(int port, String promql) throws Exception {
    return api(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .path("result");
  }

  private List<JsonNode> alerts(int port, String name) throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode alert : api(port, "/api/v1/alerts").path("alerts")) {
      if (alert.path("labels").path("alertname").asText().equals(name)) {
        found.add(alert);
      }
    }
    return found;
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code condition} every half second; fails with Prometheus' log after {@link #LIMIT}. */
  private void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    Exception last = null;
    while (System.nanoTime() - deadline < 0) {
      if (prometheus != null && !prometheus.isAlive()) {
        throw new AssertionError("Prometheus ended: " + log());
      }
      try {
        if (condition.call()) {
          return;
        }
      } catch (IOException e) {
        last = e; // Prometheus not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("timed out waiting for " + what + " (" + last + "); " + log());
  }

  private String log() throws IOException {
    if (prometheusLog == null || !Files.exists(prometheusLog)) {
      return "no Prometheus log";
    }
    String text = Files.readString(prometheusLog);
    return "Prometheus log: " + text.substring(Math.max(0, text.length() - 4000));
  }

  private static String url(int port) {
    return "https://" + address(port);
  }

  private static String address(int port) {
    return "127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }
}
