package slapmon.config.settings;

import java.time.Duration;
import java.util.regex.Pattern;
import slapmon.config.ini.PythonText;

/**
 * The one rule and the one default of the promise timeout, wherever it is written: {@code
 * [promises] promise-timeout} of monitor.conf, the timeout file the web editor writes
 * ({@code promise-timeout}) and an edit submitted to that editor. Whole seconds from 1 to 3600,
 * with an optional {@code s} after the number; white space around is ignored.
 *
 * <p>The original takes a plain integer everywhere; {@code 20s} has always been accepted by
 * monitor.conf here, so it stays accepted and is now accepted in the file and the editor too. Zero
 * would time every promise out at once, and more than an hour lets one hung promise hold a worker
 * through sixty periods, so both are refused rather than silently replaced.
 */
public final class PromiseTimeout {
  public static final Duration DEFAULT = Duration.ofSeconds(20);
  public static final long MIN_SECONDS = 1;
  public static final long MAX_SECONDS = 3600;
  /** Completes "expected …, got '…'" in every diagnostic about a refused timeout. */
  public static final String EXPECTED =
      "whole seconds from " + MIN_SECONDS + " to " + MAX_SECONDS + " such as 20 or 20s";

  private static final Pattern WHOLE_SECONDS = Pattern.compile("([0-9]{1,9})s?");

  private PromiseTimeout() {}

  /**
   * The timeout {@code text} means.
   *
   * @throws IllegalArgumentException saying "expected …, got '…'" when the rule refuses it
   */
  public static Duration parse(String text) {
    String value = PythonText.strip(text);
    var matcher = WHOLE_SECONDS.matcher(value);
    if (!matcher.matches()) {
      throw refused(value);
    }
    long seconds = Long.parseLong(matcher.group(1));
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
      throw refused(value);
    }
    return Duration.ofSeconds(seconds);
  }

  private static IllegalArgumentException refused(String value) {
    return new IllegalArgumentException(
        "expected " + EXPECTED + ", got " + Parser.Invalid.quote(value));
  }
}
