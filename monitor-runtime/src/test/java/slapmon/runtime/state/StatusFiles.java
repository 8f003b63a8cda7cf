package slapmon.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import slapmon.runtime.json.Json;

/** Writes status files in the shape the promise engine writes them, for tests and the benchmark. */
final class StatusFiles {
  private final Path publicFolder;

  StatusFiles(Path publicFolder) throws IOException {
    this.publicFolder = Files.createDirectories(publicFolder);
  }

  static ObjectNode document(String title, boolean ok, Instant start, Instant changeTime, String message) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("status", ok ? "OK" : "ERROR");
    doc.put("type", "status");
    doc.put("title", title);
    doc.put("start-date", Json.legacyDate(start));
    doc.put("change-time", Json.epochSeconds(changeTime));
    doc.put("date", Json.isoDate(start));
    doc.put("message", message);
    doc.put("returncode", ok ? 0 : 2);
    doc.put("nagios-status", ok ? "OK" : "CRITICAL");
    doc.put("execution-time", new BigDecimal("0.050"));
    doc.putObject("_links").putObject("monitor").put("href", "https://monitor.test.com/share/jio_private/");
    doc.put("instance", "Monitor");
    doc.put("hosting_subscription", "Monitor ROOT");
    return doc;
  }

  Path write(String title, boolean ok, Instant start, Instant changeTime, String message)
      throws IOException {
    return write(title, document(title, ok, start, changeTime, message));
  }

  Path write(String title, ObjectNode document) throws IOException {
    Path file = publicFolder.resolve(title + ".status.json");
    Files.write(file, Json.bytes(document));
    return file;
  }

  Path raw(String fileName, String content) throws IOException {
    Path file = publicFolder.resolve(fileName);
    Files.writeString(file, content);
    return file;
  }
}
