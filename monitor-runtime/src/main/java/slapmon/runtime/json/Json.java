package slapmon.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one JSON mapper of the runtime, and the time formats of the legacy files: all UTC. What
 * it writes is well-formed UTF-8 whatever the text ({@link WellFormedText}). Thread-safe.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder(new WellFormedJsonFactory())
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();
  private static final DateTimeFormatter LEGACY_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a JSON file; an unreadable or malformed file is an IOException naming it. */
  public static JsonNode read(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    try {
      JsonNode node = MAPPER.readTree(content);
      if (node == null || node.isMissingNode()) {
        throw new IOException(file + ": empty JSON file");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String text(Object value) {
    return new String(bytes(value), StandardCharsets.UTF_8);
  }

  /** Seconds since the epoch with millisecond precision, as the legacy {@code change-time}. */
  public static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  public static Instant fromEpochSeconds(BigDecimal seconds) {
    return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
  }

  /** {@code 2016-06-21 10:47:01}, in UTC: the legacy {@code start-date}. */
  public static String legacyDate(Instant instant) {
    return LEGACY_DATE.format(instant);
  }

  /** {@code 2016-06-21T10:47:01+00:00}: ISO 8601 with its offset. */
  public static String isoDate(Instant instant) {
    return ISO.format(instant);
  }

}
