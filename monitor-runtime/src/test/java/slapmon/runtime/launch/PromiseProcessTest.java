package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * {@code slapmon promise run} and {@code slapmon run} as real processes on a partition laid out
 * as SlapOS lays it out, under a time zone far from UTC.
 */
@Timeout(120)
final class PromiseProcessTest {
  private static final Map<String, String> NEW_YORK = Map.of("TZ", "America/New_York");

  @TempDir Path dir;
  private Path conf;
  private Path promises;
  private Path publicFolder;

  @BeforeEach
  void partition() throws IOException {
    promises = Files.createDirectories(dir.resolve("etc/promise"));
    Files.createDirectories(dir.resolve("etc/monitor-promise"));
    publicFolder = Files.createDirectories(dir.resolve("srv/monitor/public"));
    Files.createDirectories(dir.resolve("srv/monitor/private"));
    conf = dir.resolve("etc/monitor.conf");
    String p = dir.toString();
    Files.writeString(
        conf,
        String.join(
            "\n",
            "[monitor]",
            "title = Process Test",
            "root-title = Process Root",
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
            "monitor-url-list =",
            "parameter-file-path = " + p + "/etc/monitor_knowledge0.cfg",
            "parameter-list =",
            ""));
  }

  private void promise(String name, String body) throws IOException {
    Path file = promises.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void one_shot_run_writes_utc_times_and_exits_1_when_a_promise_failed() throws Exception {
    promise("fine", "echo fine");
    promise("broken", "echo broken >&2\nexit 1");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    SlapmonProcess.Outcome outcome =
        SlapmonProcess.run(dir, NEW_YORK, "promise", "run", "--config", conf.toString());
    Instant after = Instant.now();

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.out())
        .isEqualTo("broken: WARNING (exit 1): broken\nfine: OK\n2 promises: 1 OK, 1 failed\n");
    JsonNode fine = Json.read(publicFolder.resolve("fine.status.json"));
    Instant start =
        LocalDateTime.parse(
                fine.get("start-date").asText(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
            .toInstant(ZoneOffset.UTC);
    assertThat(start).isBetween(before, after);
    assertThat(fine.get("date").asText()).endsWith("+0000"); // as today's SlapOS writes dates
    assertThat(Instant.parse(fine.get("date").asText().replace("+0000", "Z"))).isEqualTo(start);
    assertThat(fine.get("message").asText()).isEqualTo("fine\n");
    assertThat(Json.read(publicFolder.resolve("broken.status.json")).get("status").asText())
        .isEqualTo("ERROR");
  }

  /**
   * strace as the oracle: what is rewritten every period (status, the day's history) reaches the
   * kernel's cache only; what changes rarely (the change-time map, written here because the
   * statuses are new) is synced before its rename, which shows the trace sees the syncs.
   */
  @Test
  void per_period_files_are_not_synced_and_the_change_times_are() throws Exception {
    promise("fine", "echo fine");
    promise("broken", "exit 1");
    Path trace = dir.resolve("fsync.trace");
    SlapmonProcess.Outcome outcome =
        SlapmonProcess.runUnder(
            List.of("strace", "-f", "-qq", "-y", "-e", "trace=fsync,fdatasync", "-o", trace.toString()),
            dir, NEW_YORK, "promise", "run", "--config", conf.toString());
    assertThat(outcome.exitCode()).as("slapmon said %s", outcome.err()).isEqualTo(1);
    assertThat(publicFolder.resolve("fine.history.json")).exists();

    List<String> synced = Files.readAllLines(trace).stream().filter(l -> l.contains("sync(")).toList();
    assertThat(synced).anyMatch(l -> l.contains("/._promise_status.tmp-"));
    assertThat(synced).noneMatch(l -> l.contains(".status.json.tmp-") || l.contains(".history.json.tmp-"));
  }

  @Test
  void only_runs_the_named_promise_and_refuses_an_unknown_one() throws Exception {
    promise("a", "echo a");
    promise("b", "echo b");
    SlapmonProcess.Outcome outcome =
        SlapmonProcess.run(dir, NEW_YORK, "promise", "run", "--config", conf.toString(), "--only", "b");
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("b: OK\n1 promise: 1 OK, 0 failed\n");
    assertThat(publicFolder.resolve("a.status.json")).doesNotExist();
    SlapmonProcess.Outcome unknown =
        SlapmonProcess.run(dir, NEW_YORK, "promise", "run", "--config", conf.toString(), "--only", "c");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no promise named 'c'");
  }

  @Test
  void invalid_configuration_exits_2_naming_the_line() throws Exception {
    Files.writeString(conf, Files.readString(conf).replace("base-url = https://[::1]:8196", "base-url = localhost:8196"));
    SlapmonProcess.Outcome outcome =
        SlapmonProcess.run(dir, NEW_YORK, "promise", "run", "--config", conf.toString());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith(conf + ":4: error: [monitor] base-url: ");
    assertThat(outcome.err()).contains("'localhost:8196'");
  }

  @Test
  void killed_with_sigkill_mid_period_and_restarted_loses_nothing() throws Exception {
    for (int i = 0; i < 6; i++) {
      promise("steady-" + i, "sleep 0.3\necho steady");
    }
    promise("failing", "sleep 0.2\necho down\nexit 2");
    Process first = SlapmonProcess.start(dir, NEW_YORK, "run", "--config", conf.toString(), "--period", "2");
    List<Path> statusFiles = awaitStatusFiles(7);
    JsonNode failingBefore = Json.read(publicFolder.resolve("failing.status.json"));
    // Let more runs start, then kill in the middle of them.
    awaitModifiedAfter(publicFolder.resolve("failing.status.json"), failingBefore);
    first.destroyForcibly(); // SIGKILL
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertEveryJsonFileParses(false);
    JsonNode failingAtKill = Json.read(publicFolder.resolve("failing.status.json"));
    Process second = SlapmonProcess.start(dir, NEW_YORK, "run", "--config", conf.toString(), "--period", "2");
    try {
      awaitModifiedAfter(publicFolder.resolve("failing.status.json"), failingAtKill);
      JsonNode failingAfter = Json.read(publicFolder.resolve("failing.status.json"));
      assertThat(failingAfter.get("change-time")).isEqualTo(failingBefore.get("change-time"));
      assertThat(failingAfter.get("start-date")).isNotEqualTo(failingBefore.get("start-date"));
      for (Path status : statusFiles) {
        assertThat(Json.read(status).get("title").asText()).isNotEmpty();
      }
    } finally {
      second.destroy(); // SIGTERM: a clean stop
      assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(second.exitValue()).isIn(0, 143);
    assertEveryJsonFileParses(true);
  }

  private List<Path> awaitStatusFiles(int count) throws IOException {
    // Poll: the monitor runs on its own schedule in another process.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<Path> found = statusFiles();
      if (found.size() >= count) {
        return found;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(
        "expected " + count + " status files, found " + statusFiles() + "; slapmon said: "
            + SlapmonProcess.read(dir, "stderr"));
  }

  private List<Path> statusFiles() throws IOException {
    try (Stream<Path> files = Files.list(publicFolder)) {
      return files.filter(f -> f.toString().endsWith(".status.json")).toList();
    }
  }

  /** Waits until the file holds a result with another start time than {@code previous}. */
  private static void awaitModifiedAfter(Path file, JsonNode previous) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode now = Json.read(file);
      if (!now.get("date").equals(previous.get("date"))) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError(file + " was not rewritten within 30 s");
  }

  /** Every JSON file is whole; after a restart, the killed writer's temporary files are gone too. */
  private void assertEveryJsonFileParses(boolean noLeftovers) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("srv/monitor"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") || name.equals("_promise_status")) {
          Json.read(file); // throws, naming the file, when torn
        }
        if (noLeftovers) {
          assertThat(name).as("temporary files of the killed run removed").doesNotContain(".tmp-");
        }
      }
    }
  }

  @Test
  void running_monitor_bootstraps_and_publishes_state_feed_and_usage() throws Exception {
    promise("fine", "echo fine");
    promise("broken", "echo 'broken & <odd>' >&2\nexit 1");
    Process monitor = SlapmonProcess.start(dir, NEW_YORK, "run", "--config", conf.toString(), "--period", "2");
    try {
      Path privateFolder = dir.resolve("srv/monitor/private");
      List<Path> published =
          List.of(
              publicFolder.resolve("monitor.global.json"),
              privateFolder.resolve("monitor.global.json"),
              publicFolder.resolve("feed"),
              publicFolder.resolve("feeds"),
              privateFolder.resolve("data/.jio_documents/monitor_resource.status.json"),
              dir.resolve("srv/monitor/monitor-bootstrap-status"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!published.stream().allMatch(Files::exists) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(published).allMatch(Files::exists);
      assertThat(Files.isSymbolicLink(dir.resolve("srv/monitor/webdav/public"))).isTrue();
      // The state is published every period: wait for one that has seen both promises.
      JsonNode global = Json.read(privateFolder.resolve("monitor.global.json"));
      while (global.path("state").path("error").asInt() < 1 && System.nanoTime() < deadline) {
        global = Json.read(privateFolder.resolve("monitor.global.json"));
      }
      assertThat(global.get("title").asText()).isEqualTo("Process Test");
      assertThat(global.get("state").get("error").asInt()).isEqualTo(1);
      assertThat(global.get("state").get("success").asInt()).isEqualTo(1);
      // The feed is written just after the state files: wait for the same publication.
      String feed = Files.readString(publicFolder.resolve("feed"));
      while (!feed.contains("<item>") && System.nanoTime() < deadline) {
        feed = Files.readString(publicFolder.resolve("feed"));
      }
      // The message is the item's description: HTML-escaped text, escaped again by the XML.
      assertThat(feed).contains("broken &amp;amp; &amp;lt;odd&amp;gt;");
    } finally {
      monitor.destroy();
      assertThat(monitor.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }
}
