package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.json.Json;
import slapmon.runtime.parameters.EditResult;
import slapmon.runtime.parameters.KeyResult;
import slapmon.runtime.parameters.KeyResult.Outcome;

/** The private state shows the last parameter edit: date, status, outcomes, never a reason. */
final class LastConfigEditTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:47:01Z");
  private static final RunnerHealth HEALTH =
      new RunnerHealth(Optional.of(NOW), NOW.plusSeconds(60), Duration.ofSeconds(60));

  @TempDir Path dir;

  private JsonNode publish() throws Exception {
    new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);
    return Json.read(dir.resolve("private/monitor.global.json"));
  }

  private void result(Object document) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("private/config/.jio_documents"));
    AtomicFiles.write(folder.resolve("config.result.json"), Json.bytes(document));
  }

  @Test
  void shows_the_outcome_of_each_key_and_no_reason() throws Exception {
    Map<String, KeyResult> keys = new LinkedHashMap<>();
    keys.put("monitor-password", new KeyResult(
        Outcome.NOT_APPLIED, Optional.of(KeyResult.ANOTHER_REFUSED), Optional.empty()));
    keys.put("promise-timeout", new KeyResult(
        Outcome.REFUSED,
        Optional.of("expected whole seconds from 1 to 3600 such as 20 or 20s, got 'abc'"),
        Optional.empty()));
    keys.put("sample", new KeyResult(Outcome.UNCHANGED, Optional.empty(), Optional.empty()));
    result(new EditResult(NOW.minusSeconds(5), EditResult.Status.REFUSED,
        Optional.of("1 of 3 entries refused; nothing was written"), keys).json());

    JsonNode edit = publish().get("last-config-edit");

    assertThat(edit)
        .isEqualTo(Json.mapper().readTree(
            "{\"date\": \"2026-11-24T10:46:56+00:00\", \"status\": \"refused\", \"results\":"
                + " {\"monitor-password\": \"not-applied\", \"promise-timeout\": \"refused\","
                + " \"sample\": \"unchanged\"}}"));
  }

  @Test
  void copies_only_fields_of_the_expected_form() throws Exception {
    result(Json.mapper().readTree(
        "{\"date\": \"2026-11-24T10:46:56+00:00\", \"status\": \"applied\", \"value\": \"secret\","
            + " \"results\": {\"a\": {\"outcome\": \"applied\", \"value\": \"secret\"},"
            + " \"b\": {\"outcome\": \"secret\"}, \"c\": \"secret\"}}"));

    JsonNode edit = publish().get("last-config-edit");

    assertThat(edit.toString()).doesNotContain("secret");
    assertThat(edit.get("results").size()).isEqualTo(1);
  }

  @Test
  void is_absent_before_any_edit_and_when_the_result_is_not_one() throws Exception {
    assertThat(publish().has("last-config-edit")).isFalse();

    result(Json.mapper().readTree("{\"status\": \"maybe\", \"date\": \"x\"}"));

    assertThat(publish().has("last-config-edit")).isFalse();
  }
}
