package slapmon.runtime.promise;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often a report runs, from its file name: {@code NAME_every_N_minute} or {@code
 * NAME_every_N_hour}; a name with no such suffix runs every minute. A suffix that is almost right
 * ({@code _every_5_minutes}, {@code _every_0_hour}) is an error, never silently "every minute".
 */
record Period(Duration every) {
  static final Period EVERY_MINUTE = new Period(Duration.ofMinutes(1));
  static final int MAX_MINUTES = 7 * 24 * 60;
  static final int MAX_HOURS = 7 * 24;

  private static final Pattern SUFFIX = Pattern.compile("_every_(\\d{1,9})_(minute|hour)$");
  private static final Pattern ATTEMPT = Pattern.compile("_every_");

  Period {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("a period must be positive, got " + every);
    }
  }

  /** The report's title: its file name up to the first {@code _every_}. */
  static String reportTitle(String fileName) {
    int suffix = fileName.indexOf("_every_");
    return suffix < 0 ? fileName : fileName.substring(0, suffix);
  }

  /** The period a report's file name asks for. */
  static Period ofReportName(String fileName) throws MalformedPeriodException {
    Matcher suffix = SUFFIX.matcher(fileName);
    if (!suffix.find()) {
      if (ATTEMPT.matcher(fileName).find()) {
        throw new MalformedPeriodException(
            "report '" + fileName + "': malformed period suffix; expected the name to end with"
                + " _every_N_minute or _every_N_hour (N a whole number, singular unit)");
      }
      return EVERY_MINUTE;
    }
    long n = Long.parseLong(suffix.group(1));
    boolean minutes = suffix.group(2).equals("minute");
    long max = minutes ? MAX_MINUTES : MAX_HOURS;
    if (n < 1 || n > max) {
      throw new MalformedPeriodException(
          "report '" + fileName + "': period _every_" + n + "_" + suffix.group(2)
              + " is out of range; expected N from 1 to " + max);
    }
    return new Period(minutes ? Duration.ofMinutes(n) : Duration.ofHours(n));
  }

  /** A report name whose suffix cannot be read. */
  static final class MalformedPeriodException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedPeriodException(String message) {
      super(message);
    }
  }
}
