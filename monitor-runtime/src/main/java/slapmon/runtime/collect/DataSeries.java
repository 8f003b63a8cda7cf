package slapmon.runtime.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.json.Json;

/**
 * One legacy {@code *.data.json} series, {@code {"date": created, "data": [header, row…]}},
 * rewritten whole and atomically; it keeps its newest rows up to a limit, and a corrupt file is
 * started afresh.
 */
final class DataSeries {
  private static final System.Logger LOG = System.getLogger(DataSeries.class.getName());

  private final Path file;
  private final String header;
  private final int limit;

  DataSeries(Path file, String header, int limit) {
    this.file = file;
    this.header = header;
    this.limit = limit;
  }

  /** Creates the file with its header alone when it is missing, empty or corrupt. */
  void ensure(Instant now) throws IOException {
    if (read() == null) {
      write(Json.epochSeconds(now), List.of());
    }
  }

  /** Appends {@code row}, dropping the oldest rows beyond the limit. */
  void append(String row, Instant now) throws IOException {
    JsonNode existing = read();
    BigDecimal created = Json.epochSeconds(now);
    List<String> rows = new ArrayList<>();
    if (existing != null) {
      if (existing.get("date").isNumber()) {
        created = existing.get("date").decimalValue();
      }
      JsonNode data = existing.get("data");
      for (int i = 1; i < data.size(); i++) {
        rows.add(data.get(i).asText());
      }
    }
    rows.add(row);
    write(created, rows.subList(Math.max(0, rows.size() - limit), rows.size()));
  }

  private void write(BigDecimal created, List<String> rows) throws IOException {
    List<String> data = new ArrayList<>(rows.size() + 1);
    data.add(header);
    data.addAll(rows);
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("date", created);
    document.put("data", data);
    AtomicFiles.write(file, Json.bytes(document));
  }

  /** The file's document, or null when there is none worth keeping. */
  private JsonNode read() throws IOException {
    if (!Files.exists(file) || Files.size(file) == 0) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.read(file);
    } catch (IOException corrupt) {
      LOG.log(System.Logger.Level.WARNING, "collect series={0} corrupt, started afresh: {1}",
          file, corrupt.getMessage());
      return null;
    }
    if (!node.isObject() || !node.path("data").isArray() || !node.has("date")) {
      LOG.log(System.Logger.Level.WARNING,
          "collect series={0} not a data series, started afresh", file);
      return null;
    }
    return node;
  }
}
