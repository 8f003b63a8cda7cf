package slapmon.runtime.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the promise runner tells the publisher about itself: when it last ran the promises (empty
 * before its first run), when it runs them next, and its period.
 */
public record RunnerHealth(Optional<Instant> lastRun, Instant nextRun, Duration period) {
  public RunnerHealth {
    Objects.requireNonNull(lastRun, "lastRun");
    Objects.requireNonNull(nextRun, "nextRun");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, got " + period);
    }
  }

  /**
   * Whether the runner looks dead at {@code now}: its last run is older than two periods, or,
   * before any run, its next run is overdue by more than a period.
   */
  public boolean stale(Instant now) {
    Duration twoPeriods = period.multipliedBy(2);
    return lastRun
        .map(last -> Duration.between(last, now).compareTo(twoPeriods) > 0)
        .orElseGet(() -> Duration.between(nextRun, now).compareTo(period) > 0);
  }
}
