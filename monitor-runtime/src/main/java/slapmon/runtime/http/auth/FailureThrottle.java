package slapmon.runtime.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing per client address: after {@link #FREE_FAILURES} failures with less
 * than {@link #QUIET} between them, the address is refused for a delay that doubles with each
 * further failure, up to {@link #MAX_DELAY}; remembers at most {@link #MAX_ADDRESSES} addresses.
 */
public final class FailureThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration QUIET = Duration.ofMinutes(1);
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofSeconds(30);
  static final int MAX_ADDRESSES = 10_000;

  private final Clock clock;
  private final Map<String, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true);

  /** Failures of one address: how many, the last one, and until when the address is refused. */
  private record Failures(int count, Instant last, Instant blockedUntil) {}

  /** A throttle reading time from {@code clock}. */
  public FailureThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code address} must still wait before trying again; zero when it may try now. */
  public synchronized Duration retryAfter(String address) {
    Failures failures = byAddress.get(address);
    Instant now = clock.instant();
    if (failures == null || !now.isBefore(failures.blockedUntil())) {
      return Duration.ZERO;
    }
    return Duration.between(now, failures.blockedUntil());
  }

  /** Records a failed login from {@code address}; returns the delay it now has to wait. */
  public synchronized Duration failed(String address) {
    Instant now = clock.instant();
    Failures previous = byAddress.get(address);
    int count = 1;
    if (previous != null && now.isBefore(previous.last().plus(QUIET))) {
      count = previous.count() + 1;
    }
    Duration delay = delayAfter(count);
    byAddress.put(address, new Failures(count, now, now.plus(delay)));
    while (byAddress.size() > MAX_ADDRESSES) {
      byAddress.remove(byAddress.keySet().iterator().next()); // least recently seen
    }
    return delay;
  }

  /** Forgets the failures of {@code address} after it logged in. */
  public synchronized void succeeded(String address) {
    byAddress.remove(address);
  }

  static Duration delayAfter(int failures) {
    int extra = failures - FREE_FAILURES;
    if (extra <= 0) {
      return Duration.ZERO;
    }
    int shift = Math.min(extra - 1, 20);
    Duration delay = FIRST_DELAY.multipliedBy(1L << shift);
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  synchronized int addresses() {
    return byAddress.size();
  }

  @Override
  public synchronized String toString() {
    return "failure-throttle(addresses="
        + byAddress.size()
        + ", free="
        + FREE_FAILURES
        + ", max-delay="
        + MAX_DELAY
        + ")";
  }
}
