package slapmon.runtime.promise;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import slapmon.runtime.json.Json;

/**
 * A day of history on disk ({@code {"date": N, "data": [entries]}}), read and rewritten one entry
 * at a time: however large the file, only one entry is in memory.
 */
final class HistoryDay {
  private static final byte[] CLOSING = {']', '}'};

  /** What reading a whole day found. */
  record Summary(JsonNode date, long entries, boolean appendable) {}

  /** Sees each entry of a day in order. */
  @FunctionalInterface
  interface EntryVisitor {
    void entry(JsonNode entry) throws IOException;
  }

  private HistoryDay() {}

  /**
   * Reads {@code file} through, handing each entry to {@code visitor}. {@code appendable}: the file
   * ends with the {@code ]}} of its {@code "data"}, so that an entry can be added before it. An
   * IOException when it is not a day of history.
   */
  static Summary read(Path file, EntryVisitor visitor) throws IOException {
    JsonNode date = null;
    long entries = -1;
    boolean dataLast = false;
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = Json.mapper().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(file + ": not a day of history: not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        dataLast = false;
        if (field.equals("date") && value == JsonToken.VALUE_NUMBER_FLOAT) {
          // As written ("1714651200.000"), not with its trailing zeros stripped as a tree would.
          date = com.fasterxml.jackson.databind.node.DecimalNode.valueOf(parser.getDecimalValue());
        } else if (field.equals("date") && value.isNumeric()) {
          date = parser.readValueAsTree();
        } else if (field.equals("data") && value == JsonToken.START_ARRAY) {
          entries = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            visitor.entry(parser.readValueAsTree());
            entries++;
          }
          dataLast = true;
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw new IOException(file + ": not a day of history: something follows the object");
      }
    }
    if (date == null || entries < 0) {
      throw new IOException(
          file + ": not a day of history: no numeric \"date\" or no \"data\" array");
    }
    return new Summary(date, entries, dataLast && endsWithClosing(file));
  }

  /** Writes the day of {@code source} compact, {@code "date"} first: the shape appends expect. */
  static void rewrite(Path source, JsonNode date, OutputStream out) throws IOException {
    out.write(("{\"date\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.write(Json.bytes(date));
    out.write(",\"data\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    boolean[] first = {true};
    read(
        source,
        entry -> {
          if (!first[0]) {
            out.write(',');
          }
          first[0] = false;
          out.write(Json.bytes(entry));
        });
    out.write(CLOSING);
  }

  /** A new day of one entry. */
  static byte[] first(JsonNode date, JsonNode entry) {
    com.fasterxml.jackson.databind.node.ObjectNode day = Json.mapper().createObjectNode();
    day.set("date", date);
    day.putArray("data").add(entry);
    return Json.bytes(day);
  }

  static int closingLength() {
    return CLOSING.length;
  }

  static boolean endsWithClosing(Path file) throws IOException {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      long size = channel.size();
      if (size < CLOSING.length) {
        return false;
      }
      java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(CLOSING.length);
      while (end.hasRemaining() && channel.read(end, size - CLOSING.length + end.position()) > 0) {
        // read until full
      }
      return java.util.Arrays.equals(end.array(), CLOSING);
    }
  }
}
