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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

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
  private static final DateTimeFormatter SLAPOS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+0000'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ANY_DATE =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "+0000")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .toFormatter();

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

  /**
   * {@code 2018-03-22T15:35:07+0000}, in UTC: the dates of today's SlapOS (slapgrid's results,
   * the original's {@code monitor_state.py}), Python's {@code %z} without a colon.
   */
  public static String slaposDate(Instant instant) {
    return SLAPOS_DATE.format(instant);
  }

  /**
   * Parses an ISO 8601 date as SlapOS writes them: {@code 2018-03-22T15:35:07+0000}, with a
   * colon in the offset or {@code Z}, fractions of a second, or no offset at all (slapgrid
   * before 2018-11), which means UTC.
   *
   * @throws java.time.format.DateTimeParseException when it is none of those
   */
  public static Instant parseDate(String text) {
    TemporalAccessor parsed = ANY_DATE.parse(text);
    LocalDateTime local = LocalDateTime.from(parsed);
    ZoneOffset offset =
        parsed.isSupported(ChronoField.OFFSET_SECONDS)
            ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
            : ZoneOffset.UTC;
    return local.toInstant(offset);
  }
}
