package slapmon.runtime.promise;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import slapmon.runtime.task.Ticker;

/**
 * A wall clock and a monotonic ticker that tests move by hand: time passing moves both; a step of
 * the wall clock ({@link #step}) moves the wall clock alone, as NTP or an operator would.
 */
final class MutableClock extends Clock implements Ticker {
  private volatile Instant now;
  private volatile long nanos;

  MutableClock(Instant start) {
    this.now = start;
  }

  /** {@code by} passes. */
  void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time does not pass backwards; step the wall clock");
    }
    now = now.plus(by);
    nanos += by.toNanos();
  }

  /** Time passes until the wall clock reads {@code instant}. */
  void set(Instant instant) {
    advance(Duration.between(now, instant));
  }

  /** The wall clock is stepped by {@code by}, forward or back; no time passes. */
  void step(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public long nanos() {
    return nanos;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock stays in UTC");
  }
}
