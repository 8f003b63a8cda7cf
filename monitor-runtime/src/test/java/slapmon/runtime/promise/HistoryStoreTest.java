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

  @Test
  void a_day_of_64_kb_messages_every_minute_stays_within_the_caps_and_no_append_costs_the_day()
      throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    Instant midnight = Instant.parse("2024-05-02T00:00:00Z");
    String output = "x".repeat(32 * 1024) + "\n" + "y".repeat(32 * 1024 - 2) + "\n";
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long mostAllocated = 0;
    for (int run = 0; run < 1440; run++) {
      ObjectNode entry = entry(run);
      entry.put("message", output);
      long before = threads.getCurrentThreadAllocatedBytes();
      store.append("p", entry, midnight.plusSeconds(60L * run + 30));
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (run >= 10) {
        // What one entry costs (its 64 KB message encoded, capped, written), not what the day does.
        assertThat(allocated).as("bytes allocated by run " + run).isLessThan(1024 * 1024);
        mostAllocated = Math.max(mostAllocated, allocated);
      }
    }
    Path file = store.historyFile("p");
    assertThat(Files.size(file))
        .as("the day's file")
        .isLessThan(HistoryStore.DAY_CAP + HistoryStore.MESSAGE_CAP + 1440 * 200);
    JsonNode data = Json.read(file).get("data");
    assertThat(data).hasSize(1440);
    String first = data.get(0).get("message").asText();
    assertThat(first).startsWith("xxxx").endsWith("yyy\n").contains(" bytes omitted ...]");
    assertThat(first.length()).isLessThan(HistoryStore.MESSAGE_CAP + 100);
    assertThat(data.get(1439).get("message").asText()).isEqualTo(HistoryStore.MESSAGE_NOT_KEPT);
    assertThat(data.get(1439).get("start-date")).isEqualTo(entry(1439).get("start-date"));
    System.out.printf("history day: %,d bytes, at most %,d bytes allocated by an append%n",
        Files.size(file), mostAllocated);
  }

  @Test
  void a_reader_that_opened_the_day_before_an_append_reads_the_day_it_opened_whole()
      throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    for (int i = 0; i < 3; i++) {
      store.append("p", entry(i), NOON.plusSeconds(i));
    }
    try (java.io.InputStream reader = Files.newInputStream(store.historyFile("p"))) {
      store.append("p", entry(3), NOON.plusSeconds(3));
      assertThat(Json.mapper().readTree(reader).get("data")).hasSize(3);
    }
    assertThat(Json.read(store.historyFile("p")).get("data")).hasSize(4);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(store.historyFile("p"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void a_spare_torn_by_a_kill_is_made_again_and_no_entry_is_lost() throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    for (int i = 0; i < 5; i++) {
      store.append("p", entry(i), NOON.plusSeconds(i));
    }
    // Killed while writing the spare: an entry half written, no closing; then a restart.
    Files.writeString(
        store.spareFile("p"), ",{\"status\":\"O", java.nio.file.StandardOpenOption.APPEND);
    HistoryStore restarted = new HistoryStore(dir, dir.resolve("archive"), 3);
    restarted.append("p", entry(5), NOON.plusSeconds(5));
    restarted.append("p", entry(6), NOON.plusSeconds(6));
    // The same in a running store: its spare found changed is made again too.
    Files.writeString(store.spareFile("p"), "{");
    restarted.append("p", entry(7), NOON.plusSeconds(7));
    JsonNode data = Json.read(store.historyFile("p")).get("data");
    assertThat(data).hasSize(8);
    for (int i = 1; i < 8; i++) {
      assertThat(data.get(i).get("message").asText()).isEqualTo("run \"" + i + "\" ]}");
    }
  }

  @Test
  void the_archived_day_is_the_published_day_and_its_spare_goes_with_it() throws Exception {
    HistoryStore store = new HistoryStore(dir, dir.resolve("archive"), 3);
    for (int i = 0; i < 4; i++) {
      store.append("p", entry(i), NOON.plusSeconds(i));
    }
    JsonNode published = Json.read(store.historyFile("p"));
    store.retire("p", NOON.plusSeconds(10));
    assertThat(Json.read(dir.resolve("archive/p.history.2024-05-02.json"))).isEqualTo(published);
    assertThat(store.historyFile("p")).doesNotExist();
    assertThat(store.spareFile("p")).doesNotExist();
    assertThat(Json.read(store.statsFile("p")).at("/data/0/message/ERROR").asInt()).isEqualTo(2);
  }
}
