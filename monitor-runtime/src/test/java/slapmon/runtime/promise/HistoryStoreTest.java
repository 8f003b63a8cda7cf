package slapmon.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/** The day's history file as appends leave it, whoever else wrote it before. */
final class HistoryStoreTest {
  private static final Instant NOON = Instant.parse("2024-05-02T12:00:00Z");

  @TempDir Path dir;

  private static ObjectNode entry(int i) {
    ObjectNode entry = Json.mapper().createObjectNode();
    entry.put("status", i % 3 == 0 ? "ERROR" : "OK");
    entry.put("change-time", 1714651200 + i);
    entry.put("start-date", "2024-05-02 12:00:" + String.format("%02d", i % 60));
    entry.put("message", "run \"" + i + "\" ]}");
    entry.put("title", "p");
    return entry;
  }

  @Test
  void every_append_of_the_day_is_kept_in_order_and_the_file_stays_valid_json() throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    for (int i = 0; i < 500; i++) {
      store.append("p", entry(i), NOON.plusSeconds(i));
      JsonNode day = Json.read(store.historyFile("p"));
      assertThat(day.get("data")).hasSize(i + 1);
    }
    JsonNode data = Json.read(store.historyFile("p")).get("data");
    assertThat(data.get(0).get("title").asText()).isEqualTo("p");
    assertThat(data.get(1).has("title")).isFalse();
    for (int i = 0; i < 500; i++) {
      assertThat(data.get(i).get("message").asText()).isEqualTo("run \"" + i + "\" ]}");
    }
  }

  @Test
  void a_file_rewritten_by_someone_else_in_another_shape_still_gets_the_next_entries() throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    store.append("p", entry(0), NOON);
    // What the original's Python wrote: data first, then date, indented, with a final newline.
    Files.writeString(
        store.historyFile("p"),
        "{\n  \"data\": [\n    {\"status\": \"OK\", \"start-date\": \"2024-05-02 11:00:00\"}\n  ],\n"
            + "  \"date\": 1714647600.0\n}\n");
    store.append("p", entry(1), NOON.plusSeconds(1));
    store.append("p", entry(2), NOON.plusSeconds(2));
    JsonNode day = Json.read(store.historyFile("p"));
    assertThat(day.get("date").decimalValue()).isEqualByComparingTo("1714647600");
    assertThat(day.get("data")).hasSize(3);
    assertThat(day.get("data").get(0).get("start-date").asText()).isEqualTo("2024-05-02 11:00:00");
    assertThat(day.get("data").get(2).get("message").asText()).isEqualTo("run \"2\" ]}");
  }

  @Test
  void an_empty_day_written_by_someone_else_gets_its_first_entry_without_a_stray_comma()
      throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    store.append("p", entry(0), NOON);
    Files.writeString(store.historyFile("p"), "{\"date\":1714651200.000,\"data\":[]}");
    store.append("p", entry(1), NOON.plusSeconds(1));
    JsonNode day = Json.read(store.historyFile("p"));
    assertThat(day.get("data")).hasSize(1);
  }

  @Test
  void the_first_append_after_midnight_archives_the_finished_day() throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    store.append("p", entry(0), NOON);
    store.append("p", entry(1), NOON.plusSeconds(1));
    store.append("p", entry(2), NOON.plusSeconds(12 * 3600 + 5));
    assertThat(Json.read(dir.resolve("archive/p.history.2024-05-02.json")).get("data")).hasSize(2);
    assertThat(Json.read(store.historyFile("p")).get("data")).hasSize(1);
    assertThat(Json.read(store.statsFile("p")).get("data")).hasSize(1);
  }
}
