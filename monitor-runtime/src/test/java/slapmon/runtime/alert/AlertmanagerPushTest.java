package slapmon.runtime.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.settings.AlertmanagerSection;
import slapmon.runtime.launch.RunningMonitor;
import slapmon.runtime.launch.RuntimeConfig;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import slapmon.runtime.json.Json;
import slapmon.runtime.process.NagiosStatus;
import slapmon.runtime.promise.PromiseRun;
import slapmon.runtime.task.TaskGuard;

/**
 * slapmon's own push to Debian's real Alertmanager on loopback, behind Basic auth, whose webhook
 * receiver is a small HTTP server of the test. Alertmanager groups every alert of a test into one
 * group, so a notification lists every alert it has: once the notification of a later alert came,
 * an earlier one that is not in any notification was never pushed.
 */
@Timeout(240)
final class AlertmanagerPushTest {
  private static final String USER = "slapmon";
  private static final String PASSWORD = "am:s3cret pw";
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final AlertIdentity IDENTITY =
      new AlertIdentity(
          "Webrunner-0", "My Webrunner", Optional.of("slappart7"), Optional.empty(),
          URI.create("https://127.0.0.1:8196"));

  @TempDir Path dir;
  private Webhook webhook;
  private RealAlertmanager alertmanager;
  private Path passwordFile;
  private String hash;
  private Alerting alerting;

  @BeforeEach
  void start() throws Exception {
    assertThat(RealAlertmanager.BINARY)
        .as("prometheus-alertmanager is required (Debian package prometheus-alertmanager)")
        .isExecutable();
    Path htpasswd = dir.resolve("htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    passwordFile = dir.resolve("alertmanager-password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    webhook = new Webhook();
    hash = ApacheHtpasswd.hashOf(htpasswd, USER);
    alertmanager = RealAlertmanager.start(dir.resolve("am"), webhook.url(), USER, hash);
  }

  @AfterEach
  void stop() throws Exception {
    if (alerting != null) {
      alerting.close();
    }
    alertmanager.close();
    webhook.close();
  }

  private AlertmanagerSection settings(
      Map<String, Integer> thresholds, Optional<Path> caFile, Duration resend) {
    return new AlertmanagerSection(
        List.of(alertmanager.url()), Optional.of(USER), Optional.of(passwordFile), caFile, 1,
        thresholds, resend);
  }

  private void startAlerting(Map<String, Integer> thresholds) {
    startAlerting(settings(thresholds, Optional.empty(), Duration.ofSeconds(60)));
  }

  private void startAlerting(AlertmanagerSection settings) {
    alerting =
        Alerting.start(settings, IDENTITY, new TaskGuard(failure -> {}), Clock.systemUTC());
  }

  private void ran(String promise, NagiosStatus status) {
    alerting.book().ran(
        new PromiseRun(promise, Instant.now(), status != NagiosStatus.OK, status, "it says so"));
  }

  private void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            what + " did not happen; notifications " + webhook.notifications()
                + "\nalertmanager log:\n" + alertmanager.log());
      }
      Thread.sleep(100);
    }
  }

  private void awaitNotified(String alert) throws Exception {
    await("notification of " + alert, () -> webhook.seen().contains(alert));
  }

  @Test
  void a_failing_promise_of_a_running_monitor_fires_then_resolves() throws Exception {
    Path p = dir.resolve("partition");
    Path etc = Files.createDirectories(p.resolve("etc"));
    Path promises = Files.createDirectories(etc.resolve("promise"));
    Path exitCode = etc.resolve("exit-code");
    Files.writeString(exitCode, "2\n");
    Path promise = promises.resolve("check-site");
    Files.writeString(promise, "#!/bin/sh\necho \"site down\"\nexit $(cat '" + exitCode + "')\n");
    promise.toFile().setExecutable(true);
    Path conf = etc.resolve("monitor.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "[monitor]", "title = Webrunner-0", "root-title = My Webrunner",
            "base-url = https://127.0.0.1:8196",
            "public-folder = " + p + "/srv/monitor/public",
            "private-folder = " + p + "/srv/monitor/private",
            "webdav-folder = " + p + "/srv/monitor/webdav", "promise-folder = " + promises,
            "service-pid-folder = " + p + "/var/run", "pid-file = " + p + "/var/run/b.pid",
            "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
            "public-path-list =", "private-path-list =", "monitor-url-list =",
            "parameter-file-path = " + etc + "/knowledge0.cfg", "parameter-list =",
            "[alertmanager]", "url-list = " + alertmanager.url(), "user = " + USER,
            "password-file = " + passwordFile, "failure-threshold = 2", ""));
    RunningMonitor monitor =
        RunningMonitor.start(RuntimeConfig.load(conf), Duration.ofSeconds(1), Clock.systemUTC());
    try {
      awaitNotified("check-site firing");
      JsonNode alert = activeAlerts().get(0);
      assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
      assertThat(alert.path("labels").path("root_title").asText()).isEqualTo("My Webrunner");
      assertThat(alert.path("annotations").path("message").asText()).isEqualTo("site down");
      assertThat(alert.path("annotations").path("status_url").asText())
          .isEqualTo("https://127.0.0.1:8196/public/check-site.status.json");

      Files.writeString(exitCode, "0\n");
      awaitNotified("check-site resolved");
    } finally {
      monitor.close();
    }
    assertThat(webhook.seen()).containsSubsequence("check-site firing", "check-site resolved");
  }

  @Test
  void with_a_threshold_of_3_two_failures_notify_nobody() throws Exception {
    startAlerting(Map.of("flappy", 3));
    ran("flappy", NagiosStatus.CRITICAL);
    ran("flappy", NagiosStatus.CRITICAL);
    ran("sentinel", NagiosStatus.CRITICAL);
    awaitNotified("sentinel firing");
    assertThat(webhook.seen()).noneMatch(alert -> alert.startsWith("flappy "));
    assertThat(activeAlerts()).extracting(a -> a.path("labels").path("promise").asText())
        .containsExactly("sentinel");

    ran("flappy", NagiosStatus.CRITICAL);
    awaitNotified("flappy firing");
  }

  @Test
  void a_silence_set_through_alertmanager_suppresses_the_notification() throws Exception {
    startAlerting(Map.of());
    String silence =
        "{\"matchers\":[{\"name\":\"promise\",\"value\":\"check-backup\",\"isRegex\":false,"
            + "\"isEqual\":true}],\"startsAt\":\"" + Instant.now() + "\",\"endsAt\":\""
            + Instant.now().plus(Duration.ofHours(1)) + "\",\"createdBy\":\"maintenance\","
            + "\"comment\":\"backup server replaced\"}";
    HttpResponse<String> created = api("POST", "/api/v2/silences", silence);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

    ran("check-backup", NagiosStatus.CRITICAL);
    await(
        "check-backup suppressed in Alertmanager",
        () ->
            activeAlertsUnchecked().stream()
                .anyMatch(
                    a -> a.path("labels").path("promise").asText().equals("check-backup")
                        && a.path("status").path("state").asText().equals("suppressed")));
    ran("sentinel", NagiosStatus.CRITICAL);
    awaitNotified("sentinel firing");
    assertThat(webhook.seen()).noneMatch(alert -> alert.startsWith("check-backup "));
  }

  @Test
  void alerts_raised_while_alertmanager_is_down_arrive_once_it_is_up() throws Exception {
    startAlerting(Map.of());
    alertmanager.stop();
    ran("check-disk", NagiosStatus.WARNING);
    await("a failed post", () -> alerting.pusher().failedPosts() >= 2);
    assertThat(alerting.book().due(alertmanager.url(), false)).hasSize(1);

    alertmanager.restart();
    awaitNotified("check-disk firing");
    await("the book emptied of what was owed",
        () -> alerting.book().due(alertmanager.url(), false).isEmpty());
    assertThat(activeAlerts()).extracting(a -> a.path("labels").path("severity").asText())
        .containsExactly("warning");
  }

  @Test
  void a_wrong_password_is_not_delivered_and_is_retried_until_the_file_is_right()
      throws Exception {
    Files.writeString(passwordFile, "wrong\n");
    startAlerting(Map.of());
    ran("check-site", NagiosStatus.CRITICAL);
    await("a refused post", () -> alerting.pusher().failedPosts() >= 1);
    assertThat(alerting.book().due(alertmanager.url(), false)).hasSize(1);

    Files.writeString(passwordFile, PASSWORD + "\n");
    awaitNotified("check-site firing");
  }

  @Test
  void a_firing_alert_is_sent_again_every_resend_interval_ending_later_each_time()
      throws Exception {
    startAlerting(settings(Map.of(), Optional.empty(), Duration.ofSeconds(1)));
    ran("check-site", NagiosStatus.CRITICAL);
    awaitNotified("check-site firing");
    await("the alert listed", () -> !activeAlertsUnchecked().isEmpty());
    Instant firstEnd = Instant.parse(activeAlerts().get(0).path("endsAt").asText());
    await(
        "a later endsAt",
        () ->
            activeAlertsUnchecked().stream()
                .anyMatch(
                    alert -> Instant.parse(alert.path("endsAt").asText()).isAfter(firstEnd)));
  }

  @Test
  void an_https_alertmanager_s_own_certificate_is_trusted_through_the_ca_file() throws Exception {
    TlsFixture tls = TlsFixture.create(Files.createDirectories(dir.resolve("tls")));
    alertmanager.close();
    alertmanager =
        RealAlertmanager.start(
            dir.resolve("am-tls"), webhook.url(), USER, hash, Optional.of(tls));
    startAlerting(settings(Map.of(), Optional.empty(), Duration.ofSeconds(60)));
    ran("check-tls", NagiosStatus.CRITICAL);
    await("a post refused for an unknown certificate", () -> alerting.pusher().failedPosts() >= 1);
    alerting.close();

    startAlerting(settings(Map.of(), Optional.of(tls.certificate), Duration.ofSeconds(60)));
    ran("check-tls", NagiosStatus.CRITICAL);
    awaitNotified("check-tls firing");
  }

  private List<JsonNode> activeAlerts() throws Exception {
    HttpResponse<String> response = api("GET", "/api/v2/alerts", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> alerts = new java.util.ArrayList<>();
    Json.mapper().readTree(response.body()).forEach(alerts::add);
    return alerts;
  }

  private List<JsonNode> activeAlertsUnchecked() {
    try {
      return activeAlerts();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> api(String method, String path, String body) throws Exception {
    String credentials =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(alertmanager.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
