package slapmon.runtime.http.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import slapmon.runtime.http.HttpDate;

final class LivePropertiesTest {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  @Test
  void the_http_date_is_the_pattern_formatters_for_every_kind_of_instant() {
    Random random = new Random(19);
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      long second = min + (long) (random.nextDouble() * (max - min));
      Instant t = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
      assertThat(HttpDate.of(t)).isEqualTo(RFC_1123.format(t));
    }
    for (String edge : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z",
        "2026-12-07T09:05:01Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z", "-0001-06-15T12:00:00Z"}) {
      Instant t = Instant.parse(edge);
      assertThat(HttpDate.of(t)).as(edge).isEqualTo(RFC_1123.format(t));
    }
  }
}
