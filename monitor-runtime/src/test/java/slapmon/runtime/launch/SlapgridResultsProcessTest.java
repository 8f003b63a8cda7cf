package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import slapmon.runtime.json.Json;

/**
 * slapgrid's results as promises of the monitor: the result files are written by the real
 * slapos.core promise launcher ({@code shared/oracles/slapos/run_launcher.py}, Debian's python) on
 * a partition with a real slapos.toolbox plugin, then {@code slapmon promise run} and {@code
 * slapmon run} read the same partition as separate processes.
 */
@Timeout(180)
final class SlapgridResultsProcessTest {
  private static final Map<String, String> NEW_YORK = Map.of("TZ", "America/New_York");

  @TempDir Path dir;
  private Path conf;
  private Path publicFolder;

  @BeforeEach
  void partition() throws IOException {
    conf = PluginPartition.create(dir, "Slapgrid Test", "Slapgrid Root");
    publicFolder = dir.resolve("srv/monitor/public");
  }

  /** A plugin as slapos.cookbook's promise.plugin recipe writes it, on the oracle's toolbox. */
  private void plugin(String name, String module, String config) throws IOException {
    Files.writeString(
        dir.resolve("etc/plugin/" + name + ".py"),
        "import sys\nsys.path[0:0] = []\nextra_config_dict = " + config + "\n"
            + "from slapos.promise.plugin." + module + " import RunPromise\n",
        StandardCharsets.UTF_8);
  }

  private void legacy(String name, String body) throws IOException {
    Path file = dir.resolve("etc/promise/" + name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The real launcher, in test mode as slapgrid runs it after a deployment. */
  private Tools.Result slapgrid() throws Exception {
    Path launcher = launcher();
    assumeTrue(launcher != null, "no shared/oracles/slapos beside the repository");
    return Tools.run("/usr/bin/python3", launcher.toString(), dir.toString());
  }

  private static Path launcher() {
    Path repository = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    for (Path folder = repository.toAbsolutePath(); folder != null; folder = folder.getParent()) {
      Path script = folder.resolve("shared/oracles/slapos/run_launcher.py");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    return null;
  }

  @Test
  void a_failed_slapgrid_result_fails_promise_run_and_legacy_executables_count_once()
      throws Exception {
    plugin("check-command", "check_command_execute", "{'command': 'echo down; false'}");
    plugin("check-true", "check_command_execute", "{'command': 'true'}");
    legacy("legacy-fine", "echo fine");
    Tools.Result launcher = slapgrid();
    assertThat(launcher.exitCode()).as(launcher.output()).isEqualTo(2);
    Path results = dir.resolve(".slapgrid/promise/result");
    assertThat(results.resolve("legacy-fine.status.json")).exists();

    SlapmonProcess.Outcome outcome =
        SlapmonProcess.run(dir, NEW_YORK, "promise", "run", "--config", conf.toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(1);
    assertThat(outcome.out())
        .isEqualTo(
            "check-command: ERROR: ERROR 'echo down; false' run with failure, output: b'down\\n'\n"
                + "check-true: OK\n"
                + "legacy-fine: OK\n"
                + "3 promises: 2 OK, 1 failed\n");
    JsonNode failed = Json.read(publicFolder.resolve("check-command.status.json"));
    assertThat(failed.get("status").asText()).isEqualTo("ERROR");
    JsonNode result = Json.read(results.resolve("check-command.status.json")).get("result");
    assertThat(failed.get("message").asText()).isEqualTo(result.get("message").asText());
    assertThat(failed.get("date").asText().replace("+00:00", "+0000"))
        .isEqualTo(result.get("date").asText());
    JsonNode history = Json.read(publicFolder.resolve("check-command.history.json"));
    assertThat(history.get("data")).hasSize(1);
  }

  @Test
  void a_running_monitor_turns_error_everywhere_when_slapgrid_says_failed() throws Exception {
    Https https = https();
    plugin("check-command", "check_command_execute", "{'command': 'true'}");
    assertThat(slapgrid().exitCode()).isZero();
    Process monitor =
        SlapmonProcess.start(dir, NEW_YORK, "run", "--config", conf.toString(), "--period", "2");
    try {
      awaitGlobalStatus("OK", 1);
      // Published where the original publishes slapgrid's results.
      assertThat(publicFolder.resolve("promise")).isSymbolicLink();
      assertThat(publicFolder.resolve("promise/check-command.status.json")).exists();
      assertThat(https.promiseOk("check-command")).isTrue();

      plugin("check-command", "check_command_execute", "{'command': 'echo down; false'}");
      assertThat(slapgrid().exitCode()).isEqualTo(2);
      Instant statusShown = awaitStatusDocument("check-command", "ERROR");
      JsonNode status = Json.read(publicFolder.resolve("check-command.status.json"));
      assertThat(status.get("failed").asBoolean()).isTrue();
      assertThat(status.get("result").get("failed").asBoolean()).isTrue();
      assertThat(status.get("nagios-status").asText()).isEqualTo("ERROR");
      assertThat(https.promiseOk("check-command")).isFalse();
      // Within one period: the first state published after the status file changed says ERROR,
      // and so do the feed and the history written by that publication and that change.
      JsonNode state = awaitGlobalStateAfter(statusShown);
      assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("ERROR");
      assertThat(state.get("state").get("error").asInt()).isEqualTo(1);
      // Its _links are served: share/private/ (what the OfficeJS app reads) with credentials,
      // share/public/ without.
      assertThat(https.status(state, "private_url", true)).isEqualTo("200");
      assertThat(https.status(state, "private_url", false)).isEqualTo("401");
      assertThat(https.status(state, "public_url", false)).isEqualTo("200");
      assertThat(Files.readString(publicFolder.resolve("feed"), StandardCharsets.UTF_8))
          .contains("[ERROR] check-command");
      JsonNode history = Json.read(publicFolder.resolve("check-command.history.json")).get("data");
      assertThat(history.findValuesAsText("status")).containsExactly("OK", "ERROR");
      assertThat(history.get(1).get("failed").asBoolean()).isTrue();
      assertThat(history.get(1).get("change-date").asText())
          .isEqualTo(status.get("change-date").asText());
    } finally {
      monitor.destroy();
      assertThat(monitor.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** The monitor's HTTPS server on loopback, for {@code /metrics}. */
  private record Https(int port, Path certificate) {
    /** What GET of monitor.global.json under the state's link {@code name} answers here. */
    String status(JsonNode state, String name, boolean authenticated)
        throws IOException, InterruptedException {
      String href = state.get("_links").get(name).get("href").asText();
      String path = java.net.URI.create(href).getPath();
      return Tools.curlStatus(
          "https://127.0.0.1:" + port + path + "monitor.global.json", certificate,
          authenticated ? USER : null, PASSWORD);
    }

    String metrics() throws IOException, InterruptedException {
      Tools.Result curl =
          Tools.run(
              "user = \"" + USER + ":" + PASSWORD + "\"\n",
              List.of("curl", "-s", "-g", "--max-time", "20", "--cacert", certificate.toString(),
                  "-K", "-", "https://127.0.0.1:" + port + "/metrics"));
      assertThat(curl.exitCode()).as(curl.output()).isZero();
      return curl.output();
    }

    /**
     * Whether /metrics says the promise is OK, in the series of decisions §24 ({@code
     * slapmon_promise_state}) or the ones before ({@code monitor_promise_ok}).
     */
    boolean promiseOk(String promise) throws IOException, InterruptedException {
      String metrics = metrics();
      java.util.regex.Matcher value =
          java.util.regex.Pattern.compile(
                  "(?m)^(?:monitor_promise_ok\\{promise=\"" + promise
                      + "\"\\}|slapmon_promise_state\\{promise=\"" + promise
                      + "\",state=\"OK\"\\}) ([0-9.]+)$")
              .matcher(metrics);
      assertThat(value.find()).as(metrics).isTrue();
      return Double.parseDouble(value.group(1)) == 1;
    }
  }

  private static final String USER = "admin";
  private static final String PASSWORD = "slapgrid-Pa55";

  /** Adds an {@code [httpd]} section to monitor.conf: certificate, htpasswd and a free port. */
  private Https https() throws Exception {
    Path etc = dir.resolve("etc");
    TlsFixture tls = TlsFixture.create(etc);
    Path htpasswd = etc.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    Files.writeString(
        conf,
        String.join(
            "\n", "[httpd]", "listen-address = 127.0.0.1", "port = " + port,
            "cert-file = " + tls.certificate, "key-file = " + tls.key,
            "htpasswd-file = " + htpasswd, ""),
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    return new Https(port, tls.certificate);
  }

  /** Polls until the promise's status document says {@code status}; when it was written. */
  private Instant awaitStatusDocument(String title, String status) throws IOException {
    Path file = publicFolder.resolve(title + ".status.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        // The same file before and after the read: a rename in between would date the new
        // content with the old file's time.
        Instant written = Files.getLastModifiedTime(file).toInstant();
        boolean said = status.equals(Json.read(file).path("status").asText());
        if (said && written.equals(Files.getLastModifiedTime(file).toInstant())) {
          return written;
        }
      } catch (IOException e) {
        // Renamed into place: not there for an instant, never torn.
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(file + " never said " + status);
  }

  /**
   * Polls until the private state was published a whole second after {@code after} (its date has
   * seconds; a file's modification time may lag the clock a publication reads by a tick), so
   * from status files read after that moment.
   */
  private JsonNode awaitGlobalStateAfter(Instant after) throws IOException {
    Path file = dir.resolve("srv/monitor/private/monitor.global.json");
    Instant bound = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        JsonNode state = Json.read(file);
        if (!Json.parseDate(state.path("date").asText()).isBefore(bound)) {
          return state;
        }
      } catch (IOException | java.time.format.DateTimeParseException e) {
        // Not there yet (renamed into place, never torn).
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no state published after " + after);
  }

  /** Polls until the private state says {@code status} with {@code promises} promises counted. */
  private JsonNode awaitGlobalStatus(String status, int promises) throws IOException {
    Path file = dir.resolve("srv/monitor/private/monitor.global.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        try {
          last = Json.read(file);
          JsonNode counts = last.path("state");
          int counted = counts.path("error").asInt() + counts.path("success").asInt();
          if (status.equals(last.path("status").asText()) && counted == promises) {
            return last;
          }
        } catch (IOException e) {
          // Never torn (renamed into place), but it may not be there yet.
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(
        "monitor.global.json never said " + status + " of " + promises + "; last: " + last
            + "; slapmon said: "
            + SlapmonProcess.read(dir, "stderr"));
  }
}
