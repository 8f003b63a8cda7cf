package slapmon.runtime.opml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The OPML head dates of SPEC §A.4: RFC 822 in UTC with a numeric {@code +0000} zone. */
final class OpmlDates {
  /** {@code Fri, 06 Oct 2017 10:12:01 +0000}: English names, whatever the host locale. */
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.US)
          .withZone(ZoneOffset.UTC);

  private OpmlDates() {}

  static String format(Instant instant) {
    return RFC_822.format(instant);
  }

  /** Reads ours, the legacy bootstrap's and Rome's {@code GMT} form; anything else is empty. */
  static Optional<Instant> parse(String text) {
    try {
      return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.strip())));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
