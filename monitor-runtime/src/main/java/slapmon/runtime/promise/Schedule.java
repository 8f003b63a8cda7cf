package slapmon.runtime.promise;

import java.time.Duration;
import java.time.Instant;

/**
 * When an executable runs: first at the slot {@code k × period + offset} (from the epoch) that
 * comes next on the wall clock, where the offset is a stable hash of its title, so that a hundred
 * promises spread over the minute instead of all starting at :00; then every period after it on a
 * monotonic time line ({@link slapmon.runtime.task.Ticker}), so that a wall clock stepped forward
 * or back moves no run.
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

  /** How long from {@code now} (wall clock) until the first slot at or after it. */
  static Duration untilSlot(String title, Duration period, Instant now) {
    return Duration.between(now, slotAtOrAfter(title, period, now));
  }

  /**
   * The first of {@code due + k × period} (k ≥ 1) strictly after {@code now}, monotonic readings
   * with {@code now} at or after {@code due}: the slots missed while the process was held up
   * (suspended, a long run) are skipped, not run one after the other.
   */
  static long slotAfter(long dueNanos, Duration period, long nowNanos) {
    long p = period.toNanos();
    return dueNanos + (Math.floorDiv(nowNanos - dueNanos, p) + 1) * p;
  }
}
