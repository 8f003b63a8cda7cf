package slapmon.runtime.promise;

import java.time.Duration;
import java.time.Instant;

/**
 * When an executable runs: at the slots {@code k × period + offset} (from the epoch), where the
 * offset is a stable hash of its title, so that a hundred promises spread over the minute instead
 * of all starting at :00.
 */
final class Schedule {
  private Schedule() {}

  static long offsetMillis(String title, Duration period) {
    return Math.floorMod(title.hashCode() * 0x9E3779B1L, period.toMillis());
  }

  /** The first slot at or after {@code now}. */
  static Instant slotAtOrAfter(String title, Duration period, Instant now) {
    long p = period.toMillis();
    long offset = offsetMillis(title, period);
    long k = Math.floorDiv(now.toEpochMilli() - offset + p - 1, p);
    return Instant.ofEpochMilli(k * p + offset);
  }

  /** The first slot strictly after {@code now}. */
  static Instant slotAfter(String title, Duration period, Instant now) {
    return slotAtOrAfter(title, period, now.plusMillis(1));
  }
}
