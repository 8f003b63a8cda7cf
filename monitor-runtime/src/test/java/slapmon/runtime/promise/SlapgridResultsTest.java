package slapmon.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * slapgrid's result files as the engine shows them: what cannot be trusted (missing, stale,
 * malformed) is ERROR with the Nagios status UNKNOWN and says why, never OK. The launcher's own
 * files are the subject of {@code cli.SlapgridResultsProcessTest}; here they are written by hand
 * to reach each case.
 */
@Timeout(60)
final class SlapgridResultsTest {
  private static final DateTimeFormatter LAUNCHER_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+0000'").withZone(ZoneOffset.UTC);
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path dir;
  private Partition partition;
  private Path results;
  private Path cache;
  private final MutableClock clock = new MutableClock(NOW);

  @BeforeEach
  void layOut() throws IOException {
    partition = new Partition(dir);
    results = Files.createDirectories(dir.resolve(".slapgrid/promise/result"));
    cache = Files.createDirectories(dir.resolve(".slapgrid/promise/cache"));
    Files.createDirectories(partition.plugins());
  }

  private void result(String title, boolean failed, Instant date, String message)
      throws IOException {
    Files.writeString(
        results.resolve(title + ".status.json"),
        "{\"title\": \"" + title + "\", \"name\": \"" + title + ".py\", \"path\": \"/p/" + title
            + ".py\", \"execution-time\": 0.15, \"result\": {\"type\": \"Anomaly Result\","
            + " \"failed\": " + failed + ", \"date\": \"" + LAUNCHER_DATE.format(date)
            + "\", \"message\": \"" + message + "\"}}",
        StandardCharsets.UTF_8);
  }

  private String message(String title) throws IOException {
    return partition.status(title).get("message").asText();
  }

  /** The published message as the summary shows it: its first 200 characters. */
  private String summarised(String title) throws IOException {
    String message = message(title);
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }

  private RunSummary runOnce() throws Exception {
    try (PromiseEngine engine = PromiseEngine.create(partition.withSlapgrid(2), clock, clock)) {
      return engine.runPromisesOnce(Optional.empty());
    }
  }

  @Test
  void results_count_as_written_and_untrustworthy_ones_say_why() throws Exception {
    result("fine", false, NOW.minus(Duration.ofMinutes(1)), "all good");
    result("down", true, NOW.minus(Duration.ofMinutes(1)), "ERROR port 80 closed");
    // No cache: the launcher's default periodicity (2 min), stale after the 10 min floor.
    result("old", false, NOW.minus(Duration.ofMinutes(11)), "was fine");
    // Every 60 min: stale only after 3 periods.
    result("hourly", false, NOW.minus(Duration.ofMinutes(150)), "fine hourly");
    Files.writeString(
        cache.resolve("hourly"), "{\"periodicity\": 60, \"is_anomaly_detected\": true}");
    Files.writeString(results.resolve("torn.status.json"), "{\"title\": \"torn\", \"resu");
    Files.writeString(
        results.resolve("shapeless.status.json"), "{\"result\": {\"message\": \"x\"}}");
    Files.writeString(partition.plugins().resolve("never-ran.py"), "# a plugin\n");
    Files.writeString(partition.plugins().resolve("__init__.py"), "");

    RunSummary summary = runOnce();

    assertThat(summary.allOk()).isFalse();
    assertThat(summary.lines())
        .containsExactly(
            "down: ERROR: ERROR port 80 closed",
            "fine: OK",
            "hourly: OK",
            "never-ran: UNKNOWN: " + summarised("never-ran"),
            "old: UNKNOWN: " + summarised("old"),
            "shapeless: UNKNOWN: " + summarised("shapeless"),
            "torn: UNKNOWN: " + summarised("torn"),
            "7 promises: 2 OK, 5 failed");
    assertThat(message("never-ran"))
        .isEqualTo("no result from slapgrid for the plugin "
            + partition.plugins().resolve("never-ran.py") + " (expected "
            + results.resolve("never-ran.status.json") + "): slapgrid has not run it yet");
    assertThat(message("old"))
        .isEqualTo("slapgrid's last result is dated 2026-11-24T11:49:00+00:00, more than"
            + " 10 min ago (3 periods of the promise, 10 min at least): slapgrid has not run it"
            + " since. Its last result was OK: was fine");
    assertThat(message("shapeless"))
        .isEqualTo("slapgrid's result " + results.resolve("shapeless.status.json")
            + " is malformed: \"result\".\"failed\" is not true or false; shown as an error"
            + " until slapgrid writes it again");
    assertThat(message("torn"))
        .startsWith("slapgrid's result " + results.resolve("torn.status.json")
            + " is malformed: not valid JSON: ")
        .endsWith("; shown as an error until slapgrid writes it again");
    JsonNode down = partition.status("down");
    assertThat(down.get("status").asText()).isEqualTo("ERROR");
    assertThat(down.get("date").asText()).isEqualTo("2026-11-24T11:59:00+0000");
    assertThat(down.get("execution-time").decimalValue()).isEqualByComparingTo("0.150");
    // Today's fields as the launcher wrote them, beside the seed's.
    assertThat(down.get("name").asText()).isEqualTo("down.py");
    assertThat(down.get("path").asText()).isEqualTo("/p/down.py");
    assertThat(down.get("failed").asBoolean()).isTrue();
    assertThat(down.get("change-date").asText()).isEqualTo("2026-11-24T11:59:00+0000");
    assertThat(down.get("result"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"type\": \"Anomaly Result\", \"failed\": true, \"date\":"
                        + " \"2026-11-24T11:59:00+0000\", \"message\": \"ERROR port 80 closed\"}"));
    JsonNode missing = partition.status("never-ran");
    assertThat(missing.get("name").asText()).isEqualTo("never-ran.py");
    assertThat(missing.get("result").get("failed").asBoolean()).isTrue();
    for (String untrusted : new String[] {"old", "torn", "shapeless", "never-ran"}) {
      JsonNode status = partition.status(untrusted);
      assertThat(status.get("status").asText()).as(untrusted).isEqualTo("ERROR");
      assertThat(status.get("nagios-status").asText()).as(untrusted).isEqualTo("UNKNOWN");
    }
  }

  @Test
  void a_result_unchanged_is_not_recorded_again_and_a_new_one_is() throws Exception {
    result("down", true, NOW.minus(Duration.ofMinutes(1)), "ERROR port 80 closed");
    Files.writeString(results.resolve("torn.status.json"), "{");
    runOnce();
    clock.advance(Duration.ofSeconds(30));
    runOnce();
    assertThat(partition.history("down").get("data")).hasSize(1);
    assertThat(partition.history("torn").get("data")).hasSize(1);

    result("down", false, NOW, "port 80 open");
    runOnce();
    JsonNode down = partition.status("down");
    assertThat(down.get("status").asText()).isEqualTo("OK");
    assertThat(down.get("change-time").decimalValue()).isEqualByComparingTo(
        Long.toString(NOW.getEpochSecond()));
    assertThat(partition.history("down").get("data")).hasSize(2);
  }

  @Test
  void a_failed_anomaly_is_an_error_in_every_history_entry() throws Exception {
    result("down", true, NOW.minus(Duration.ofMinutes(2)), "ERROR port 80 closed");
    runOnce();
    result("down", true, NOW.minus(Duration.ofMinutes(1)), "ERROR port 80 still closed");
    clock.advance(Duration.ofSeconds(30));
    runOnce();
    JsonNode entries = partition.history("down").get("data");
    assertThat(entries).hasSize(2);
    for (JsonNode entry : entries) {
      assertThat(entry.path("nagios-status").asText()).as(entry.toString()).isEqualTo("ERROR");
      assertThat(entry.path("status").asText()).as(entry.toString()).isEqualTo("ERROR");
    }
  }

  @Test
  void a_legacy_executable_both_run_is_one_promise_with_slapmon_s_verdict() throws Exception {
    Partition.ok(partition.promises, "legacy");
    result("legacy", true, NOW.minus(Duration.ofMinutes(1)), "slapgrid saw it fail");

    RunSummary summary = runOnce();

    assertThat(summary.lines()).containsExactly("legacy: OK", "1 promise: 1 OK, 0 failed");
    assertThat(partition.status("legacy").get("message").asText()).isEqualTo("success\n");
  }

  @Test
  void a_result_that_is_gone_is_retired_with_its_plugin() throws Exception {
    result("gone", false, NOW, "fine");
    runOnce();
    assertThat(partition.publicFolder.resolve("gone.status.json")).exists();
    Files.delete(results.resolve("gone.status.json"));
    runOnce();
    assertThat(partition.publicFolder.resolve("gone.status.json")).doesNotExist();
  }

  @Test
  void the_engine_s_listener_hears_each_new_result_once_and_each_retired_promise()
      throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    result("down", true, NOW.minus(Duration.ofMinutes(1)), "ERROR port 80 closed");
    try (PromiseEngine engine = PromiseEngine.create(partition.withSlapgrid(2), clock, clock)) {
      engine.listen(
          new RunListener() {
            @Override
            public void ran(PromiseRun run) {
              heard.add(run.title() + (run.failed() ? " failed " : " ok ") + run.message());
            }

            @Override
            public void retired(String title) {
              heard.add(title + " retired");
            }
          });
      engine.tick();
      clock.advance(Duration.ofSeconds(30));
      engine.tick();
      result("down", false, NOW, "port 80 open");
      engine.tick();
      Files.delete(results.resolve("down.status.json"));
      clock.advance(EngineSettings.DEFAULT_PERIOD);
      engine.tick();
    }
    assertThat(heard)
        .containsExactly(
            "down failed ERROR port 80 closed", "down ok port 80 open", "down retired");
  }
}
