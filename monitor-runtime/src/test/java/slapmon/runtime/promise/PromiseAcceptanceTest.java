package slapmon.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * The original's acceptance tests ({@code testrunpromise.py}, SPEC §C.2), ported. Differences,
 * each decided in DESIGN §3: times are UTC; reports keep a day of history like promises (instead
 * of a copy of the previous result); the documents carry added fields ({@code date},
 * {@code returncode}, {@code nagios-status}, {@code execution-time}), removed before comparing.
 */
@Timeout(60)
final class PromiseAcceptanceTest {
  private static final List<String> VOLATILE =
      List.of(
          "change-time", "start-date", "date", "returncode", "nagios-status", "execution-time",
          "change-date");

  @TempDir Path dir;
  private Partition partition;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:47:01.250Z"));

  @BeforeEach
  void layOut() throws IOException {
    partition = new Partition(dir);
  }

  /** The seed's fields, then today's (SPEC §B.2, §B.4) but the dates. */
  private static ObjectNode base(
      Path folder, String title, String type, String status, String message) {
    ObjectNode expected = Json.mapper().createObjectNode();
    expected.put("status", status);
    expected.put("hosting_subscription", "Monitor ROOT");
    expected.put("title", title);
    expected.put("instance", "Monitor");
    expected.putObject("_links").putObject("monitor")
        .put("href", "https://monitor.test.com/share/private/");
    expected.put("message", message);
    expected.put("type", type);
    expected.put("name", title);
    expected.put("path", folder.resolve(title).toString());
    expected.put("failed", !status.equals("OK"));
    ObjectNode result = expected.putObject("result");
    result.put("type", "Test Result");
    result.put("failed", !status.equals("OK"));
    result.put("message", message);
    return expected;
  }

  private static ObjectNode promise(Path folder, String title, String status, String message) {
    return base(folder, title, "status", status, message);
  }

  private ObjectNode report(String status, String message) {
    return base(partition.reports, "sample_report", "report", status, message);
  }

  private static ObjectNode stable(JsonNode document) {
    ObjectNode copy = document.deepCopy();
    VOLATILE.forEach(copy::remove);
    ((ObjectNode) copy.path("result")).remove("date");
    return copy;
  }

  /** Today's dates are the seed's, in the format of today's SlapOS. */
  private static void assertDatesAgree(JsonNode document) {
    Instant start = Json.parseDate(document.get("start-date").asText().replace(' ', 'T'));
    assertThat(document.get("date").asText()).isEqualTo(Json.slaposDate(start)).endsWith("+0000");
    assertThat(document.get("result").get("date")).isEqualTo(document.get("date"));
    assertThat(document.get("change-date").asText())
        .isEqualTo(
            Json.slaposDate(Json.fromEpochSeconds(document.get("change-time").decimalValue())));
  }

  private void runPromises() throws Exception {
    try (PromiseEngine engine = PromiseEngine.create(partition.settings(2), clock, clock)) {
      engine.runPromisesOnce(Optional.empty());
    }
  }

  /** Runs what is due at {@code at}, as the scheduler does, and waits for it. */
  private void tickAt(PromiseEngine engine, Instant at) throws Exception {
    clock.set(at);
    engine.tick();
    assertThat(engine.awaitIdle(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void promise_ok_run_twice() throws Exception {
    Partition.ok(partition.promises, "promise_1");
    runPromises();
    JsonNode first = partition.status("promise_1");
    clock.advance(Duration.ofSeconds(1));
    runPromises();
    JsonNode second = partition.status("promise_1");

    assertThat(stable(first))
        .isEqualTo(promise(partition.promises, "promise_1", "OK", "success\n"));
    assertThat(stable(second))
        .isEqualTo(promise(partition.promises, "promise_1", "OK", "success\n"));
    assertThat(second.get("change-time")).isEqualTo(first.get("change-time"));
    assertThat(first.get("start-date").asText()).isEqualTo("2026-11-24 10:47:01");
    assertThat(second.get("start-date").asText()).isEqualTo("2026-11-24 10:47:02");

    JsonNode history = partition.history("promise_1");
    assertThat(history.get("date").decimalValue())
        .isGreaterThanOrEqualTo(first.get("change-time").decimalValue());
    assertThat(history.get("data")).hasSize(2);
    assertDatesAgree(first);
    assertDatesAgree(second);
    ObjectNode firstWithoutLinks = first.deepCopy();
    firstWithoutLinks.remove(List.of("_links", "result", "path"));
    assertThat(history.get("data").get(0)).isEqualTo(firstWithoutLinks);
    ObjectNode secondShort = Json.mapper().createObjectNode();
    for (String field :
        List.of(
            "status", "change-time", "start-date", "message", "execution-time", "failed", "date",
            "change-date", "nagios-status")) {
      secondShort.set(field, second.get(field));
    }
    assertThat(history.get("data").get(1)).isEqualTo(secondShort);
  }

  @Test
  void promises_in_both_folders() throws Exception {
    Partition.ok(partition.promises, "promise_1");
    Partition.ok(partition.monitorPromises, "promise_2");
    runPromises();
    assertThat(stable(partition.status("promise_1")))
        .isEqualTo(promise(partition.promises, "promise_1", "OK", "success\n"));
    assertThat(stable(partition.status("promise_2")))
        .isEqualTo(promise(partition.monitorPromises, "promise_2", "OK", "success\n"));
  }

  @Test
  void promise_failing_twice_keeps_its_change_time() throws Exception {
    Partition.failing(partition.promises, "promise_1");
    runPromises();
    JsonNode first = partition.status("promise_1");
    clock.advance(Duration.ofSeconds(1));
    runPromises();
    JsonNode second = partition.status("promise_1");
    assertThat(stable(second))
        .isEqualTo(promise(partition.promises, "promise_1", "ERROR", "failed\n"));
    assertThat(second.get("change-time")).isEqualTo(first.get("change-time"));
    assertThat(second.get("returncode").asInt()).isEqualTo(2);
    assertThat(second.get("nagios-status").asText()).isEqualTo("CRITICAL");
  }

  @Test
  void promise_ok_then_failing_moves_its_change_time() throws Exception {
    Partition.ok(partition.promises, "promise_1");
    runPromises();
    JsonNode first = partition.status("promise_1");
    clock.advance(Duration.ofSeconds(2));
    Partition.failing(partition.promises, "promise_1");
    runPromises();
    JsonNode second = partition.status("promise_1");
    assertThat(stable(second))
        .isEqualTo(promise(partition.promises, "promise_1", "ERROR", "failed\n"));
    assertThat(second.get("change-time").decimalValue())
        .isEqualByComparingTo(first.get("change-time").decimalValue().add(java.math.BigDecimal.valueOf(2)));
  }

  @Test
  void report_ok_run_twice() throws Exception {
    Partition.ok(partition.reports, "sample_report");
    try (PromiseEngine engine = PromiseEngine.create(partition.settings(2), clock, clock)) {
      tickAt(engine, clock.instant());
      tickAt(engine, clock.instant().plus(Duration.ofMinutes(1)));
      JsonNode first = partition.report("sample_report");
      tickAt(engine, clock.instant().plus(Duration.ofMinutes(1)));
      JsonNode second = partition.report("sample_report");
      assertThat(stable(second)).isEqualTo(report("OK", "success\n"));
      assertThat(second.get("change-time")).isEqualTo(first.get("change-time"));
      assertThat(second.get("start-date")).isNotEqualTo(first.get("start-date"));
      JsonNode history =
          Json.read(partition.privateFolder.resolve("data/.jio_documents/sample_report.history.json"));
      assertThat(history.get("data")).hasSize(2);
    }
  }

  @Test
  void report_ok_then_failing() throws Exception {
    Path report = Partition.ok(partition.reports, "sample_report");
    try (PromiseEngine engine = PromiseEngine.create(partition.settings(2), clock, clock)) {
      tickAt(engine, clock.instant());
      tickAt(engine, clock.instant().plus(Duration.ofMinutes(1)));
      JsonNode first = partition.report("sample_report");
      Partition.failing(partition.reports, report.getFileName().toString());
      tickAt(engine, clock.instant().plus(Duration.ofMinutes(1)));
      JsonNode second = partition.report("sample_report");
      assertThat(stable(second)).isEqualTo(report("ERROR", "failed\n"));
      assertThat(second.get("change-time")).isNotEqualTo(first.get("change-time"));
    }
  }

  @Test
  void change_time_survives_a_restart() throws Exception {
    Partition.failing(partition.promises, "promise_1");
    runPromises();
    JsonNode first = partition.status("promise_1");
    Files.delete(partition.publicFolder.resolve(ChangeTimes.LEGACY_FILE));
    clock.advance(Duration.ofMinutes(5));
    runPromises();
    assertThat(partition.status("promise_1").get("change-time"))
        .isEqualTo(first.get("change-time"));
    JsonNode legacy = Json.read(partition.publicFolder.resolve(ChangeTimes.LEGACY_FILE));
    String[] legacyEntry = legacy.get("promise_1").asText().split("#");
    assertThat(legacyEntry[0]).isEqualTo("ERROR");
    assertThat(new java.math.BigDecimal(legacyEntry[1]))
        .isEqualByComparingTo(first.get("change-time").decimalValue());
  }
}
