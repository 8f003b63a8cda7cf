package slapmon.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;
import slapmon.runtime.json.Json;

/**
 * The success/error time series {@code monitor_state.data.json} (SPEC §A.8.6): one CSV row per
 * publish, keeping only the newest rows so the file stays bounded; a missing or corrupt file is
 * started afresh. Not thread-safe: its publisher is its only writer.
 */
final class StateSeries {
  static final String FILE = "monitor_state.data.json";
  static final String HEADER = "Date, Success, Error, Warning";

  private final Path file;
  private final int maxRows;
  private final Deque<String> rows = new ArrayDeque<>();
  private BigDecimal created;

  StateSeries(Path folder, int maxRows) {
    this.file = folder.resolve(FILE);
    this.maxRows = maxRows;
  }

  void append(Instant now, Tally tally) throws IOException {
    if (created == null) {
      load(now);
    }
    rows.addLast(
        Json.legacyDate(now) + ", " + tally.success() + ", " + tally.error() + ", " + tally.warning());
    while (rows.size() > maxRows) {
      rows.removeFirst();
    }
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("date", created);
    ArrayNode data = doc.putArray("data");
    data.add(HEADER);
    rows.forEach(data::add);
    AtomicFiles.write(file, Json.bytes(doc), Durability.CACHED);
  }

  private void load(Instant now) {
    created = Json.epochSeconds(now);
    try {
      JsonNode doc = Json.read(file);
      JsonNode data = doc.path("data");
      if (!doc.path("date").isNumber() || !data.isArray()) {
        return;
      }
      created = doc.get("date").decimalValue();
      for (JsonNode row : data) {
        if (row.isTextual() && !row.asText().equals(HEADER)) {
          rows.addLast(row.asText());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Missing or corrupt: start a new series (SPEC §B.4, item 8).
    }
  }
}
