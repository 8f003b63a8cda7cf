package slapmon.runtime.promise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.json.Json;

/**
 * When each promise entered its current status. Rebuilt at start from the status files themselves
 * (the written truth), falling back to the legacy {@code _promise_status} map, so a restart never
 * loses a change-time; written back to {@code _promise_status} ({@code {"name": "STATUS#epoch"}}) for
 * the tools that read it. Thread-safe.
 */
final class ChangeTimes {
  static final String LEGACY_FILE = "_promise_status";

  private record Entry(String status, Instant since) {}

  private final Path folder;
  private final Map<String, Entry> entries = new TreeMap<>();
  private boolean dirty;

  private ChangeTimes(Path folder) {
    this.folder = folder;
  }

  /** Reads what {@code folder} (public/ or private/) holds; unreadable files are ignored. */
  static ChangeTimes load(Path folder, String statusSuffix) throws IOException {
    ChangeTimes times = new ChangeTimes(folder);
    times.readLegacyMap();
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + statusSuffix)) {
        for (Path file : files) {
          times.readStatusFile(file);
        }
      }
    }
    times.dirty = true; // the legacy map may be missing or behind the status files
    return times;
  }

  /**
   * The change-time to publish for a run of {@code name} that ended in {@code status} and
   * started at {@code start}: unchanged while the status stays, the start when it changes.
   */
  synchronized Instant record(String name, String status, Instant start) {
    Entry previous = entries.get(name);
    if (previous != null && previous.status().equals(status)) {
      return previous.since();
    }
    entries.put(name, new Entry(status, start));
    dirty = true;
    return start;
  }

  synchronized void forget(String name) {
    dirty |= entries.remove(name) != null;
  }

  /** Writes {@code _promise_status} if anything changed since the last save. */
  synchronized void save() throws IOException {
    if (!dirty) {
      return;
    }
    ObjectNode map = Json.mapper().createObjectNode();
    entries.forEach(
        (name, entry) ->
            map.put(name, entry.status() + "#" + Json.epochSeconds(entry.since()).toPlainString()));
    AtomicFiles.write(folder.resolve(LEGACY_FILE), Json.bytes(map));
    dirty = false;
  }

  private void readLegacyMap() {
    try {
      JsonNode map = Json.read(folder.resolve(LEGACY_FILE));
      for (Map.Entry<String, JsonNode> field : map.properties()) {
        String[] parts = field.getValue().asText().split("#", 2);
        if (parts.length == 2) {
          entries.put(field.getKey(), new Entry(parts[0], Json.fromEpochSeconds(new BigDecimal(parts[1]))));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Missing or corrupt: the status files below are the truth anyway.
    }
  }

  private void readStatusFile(Path file) {
    try {
      JsonNode status = Json.read(file);
      String title = status.path("title").asText("");
      if (!title.isEmpty() && status.path("status").isTextual() && status.path("change-time").isNumber()) {
        entries.put(
            title,
            new Entry(
                status.get("status").asText(),
                Json.fromEpochSeconds(status.get("change-time").decimalValue())));
      }
    } catch (IOException | RuntimeException e) {
      // A corrupt status file is rewritten at the next run; its change-time is lost with it.
    }
  }
}
