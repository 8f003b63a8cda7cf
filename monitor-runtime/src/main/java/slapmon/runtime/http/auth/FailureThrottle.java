package slapmon.runtime.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts wrong passwords per (user, client address). It never decides whether a password is right:
 * after {@link #FREE_FAILURES} failures with less than {@link #QUIET} between them the pair is
 * {@link #suspect} (its checks queue apart from the others') and each further failure is answered
 * with a wait that doubles, up to {@link #MAX_DELAY}. Behind the SlapOS frontend every client has
 * the frontend's address, so a pair rather than an address: guessing one user's password does not
 * slow down the others. Remembers at most {@link #MAX_PAIRS} pairs, of bounded size each.
 */
public final class FailureThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration QUIET = Duration.ofMinutes(1);
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofSeconds(30);
  static final int MAX_PAIRS = 10_000;
  /** A longer user name is remembered by its SHA-256, so a pair costs at most a few hundred bytes. */
  static final int MAX_USER_CHARS = 64;

  private final Clock clock;
  private final Map<String, Failures> byPair = new LinkedHashMap<>(16, 0.75f, true);

  /** Failures of one pair: how many, and the last one. */
  private record Failures(int count, Instant last) {}

  /** A throttle reading time from {@code clock}. */
  public FailureThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code user} from {@code address} failed often enough lately to be slowed down. */
  public synchronized boolean suspect(String user, String address) {
    return recentFailures(pairOf(user, address), clock.instant()) >= FREE_FAILURES;
  }

  /**
   * Records a wrong password for {@code user} from {@code address}; returns how long that client
   * is asked to wait before its next try (zero for the first {@link #FREE_FAILURES}).
   */
  public synchronized Duration failed(String user, String address) {
    Instant now = clock.instant();
    String pair = pairOf(user, address);
    int count = recentFailures(pair, now) + 1;
    byPair.put(pair, new Failures(count, now));
    while (byPair.size() > MAX_PAIRS) {
      byPair.remove(byPair.keySet().iterator().next()); // least recently seen
    }
    return delayAfter(count);
  }

  /** Forgets the failures of {@code user} from {@code address} after it logged in. */
  public synchronized void succeeded(String user, String address) {
    byPair.remove(pairOf(user, address));
  }

  private int recentFailures(String pair, Instant now) {
    Failures failures = byPair.get(pair);
    if (failures == null || !now.isBefore(failures.last().plus(QUIET))) {
      return 0;
    }
    return failures.count();
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

  /** The table key of a pair: the address, then the user name or, when long, its digest. */
  static String pairOf(String user, String address) {
    String who = user.length() <= MAX_USER_CHARS ? "=" + user : "#" + sha256(user);
    return address + " " + who;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  synchronized int pairs() {
    return byPair.size();
  }

  @Override
  public synchronized String toString() {
    return "failure-throttle(pairs="
        + byPair.size()
        + ", free="
        + FREE_FAILURES
        + ", max-delay="
        + MAX_DELAY
        + ")";
  }
}
