package slapmon.runtime.collect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A span of collector rows: one UTC day and an inclusive range of {@code HH:MM:SS} times in it. */
record Window(LocalDate date, LocalTime from, LocalTime to) {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  Window {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("window ends at " + to + " before it starts at " + from);
    }
  }

  /** The last full UTC minute before {@code now}: at 00:00:30 that is 23:59 of the day before. */
  static Window previousMinute(Instant now) {
    LocalDateTime start =
        LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
    return new Window(start.toLocalDate(), start.toLocalTime(), start.toLocalTime().withSecond(59));
  }

  /** The {@code date} column's value, {@code YYYY-MM-DD}. */
  String day() {
    return date.toString();
  }

  String fromText() {
    return TIME.format(from);
  }

  String toText() {
    return TIME.format(to);
  }

  /** The legacy {@code date} field of the rows: {@code YYYY-MM-DD HH:MM:00}. */
  String label() {
    return day() + " " + fromText();
  }
}
