package slapmon.runtime.parameters;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An uploaded {@code config.tmp.json}: the whole parameter array in the shape of config.json
 * (SPEC §A.7.2), each entry with a string {@code key} and {@code value} and, for a raw entry
 * (empty key), a string {@code title}; other fields are ignored. Its size, depth and number of
 * entries are bounded, far above what a parameter list needs, so that no upload costs the monitor
 * more than reading a megabyte.
 */
final class Upload {
  static final int MAX_BYTES = 1024 * 1024;
  /** An array of objects is 2 deep; room for fields a client adds, not for a parser bomb. */
  static final int MAX_DEPTH = 16;
  /** A parameter-list has a few lines; every entry costs a line of config.result.json. */
  static final int MAX_ENTRIES = 256;
  /** A key, or a raw entry's title; each one is repeated in config.result.json and the log. */
  static final int MAX_NAME_CHARS = 256;

  private static final ObjectReader READER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .build()
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** One entry: its {@code name} is the key, or the title of a raw entry. */
  record Submitted(String key, String title, String value) {
    boolean raw() {
      return key.isEmpty();
    }

    String name() {
      return raw() ? title : key;
    }
  }

  private Upload() {}

  /**
   * The entries of {@code bytes}, in order.
   *
   * @throws IllegalArgumentException saying what makes the upload unusable
   */
  static List<Submitted> parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the upload is " + bytes.length + " bytes long, at most " + MAX_BYTES + " allowed");
    }
    JsonNode root = tree(bytes);
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("the upload is empty; expected a JSON array");
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException(
          "expected a JSON array of {key, title, value} entries, found a JSON "
              + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (root.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "the upload has " + root.size() + " entries, at most " + MAX_ENTRIES + " allowed");
    }
    List<Submitted> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      Submitted entry = entry(root.get(i), i + 1);
      Integer first = seen.putIfAbsent(entry.name(), i + 1);
      if (first != null) {
        throw new IllegalArgumentException(
            "entry " + (i + 1) + ": " + Quoted.of(entry.name()) + " is listed twice (entries "
                + first + " and " + (i + 1) + ")");
      }
      entries.add(entry);
    }
    return entries;
  }

  /** Whether {@code bytes} are whole JSON: an upload still being written is not. */
  static boolean complete(byte[] bytes) {
    try {
      tree(bytes);
      return true;
    } catch (IllegalArgumentException e) {
      return e.getCause() instanceof StreamConstraintsException; // whole, but refused
    }
  }

  private static JsonNode tree(byte[] bytes) {
    try {
      return READER.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException(
          "the upload is nested deeper than " + MAX_DEPTH + " levels; a parameter array needs 2",
          e);
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException(
          "the upload is not valid JSON: "
              + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("")
              + line);
    } catch (IOException e) {
      throw new IllegalArgumentException("the upload cannot be read: " + e.getMessage());
    }
  }

  private static Submitted entry(JsonNode node, int number) {
    String where = "entry " + number + ": ";
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + "expected an object {key, title, value}");
    }
    String key = text(node, "key", where, true);
    String value = text(node, "value", where, true);
    String title = text(node, "title", where, key.isEmpty());
    if (key.isEmpty() && title.isEmpty()) {
      throw new IllegalArgumentException(where + "a raw entry (empty key) needs its title");
    }
    Submitted entry = new Submitted(key, title, value);
    if (entry.name().length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException(
          where + (entry.raw() ? "the title" : "the key") + " is " + entry.name().length()
              + " characters long, at most " + MAX_NAME_CHARS + " allowed");
    }
    return entry;
  }

  private static String text(JsonNode node, String field, String where, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new IllegalArgumentException(where + "'" + field + "' is missing");
      }
      return "";
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          where + "'" + field + "' must be a string, found a JSON "
              + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return value.textValue();
  }
}
