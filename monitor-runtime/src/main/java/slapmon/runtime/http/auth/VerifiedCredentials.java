package slapmon.runtime.http.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded, expiring set of credentials that already passed the slow check, keyed by an HMAC of
 * (user, password, stored hash) under a per-process random key, so the clear password is never kept
 * and a changed hash line misses.
 */
final class VerifiedCredentials {
  private final Clock clock;
  private final int capacity;
  private final Duration lifetime;
  private final SecretKeySpec key;
  private final Map<String, Instant> expiries;

  VerifiedCredentials(Clock clock, int capacity, Duration lifetime) {
    this.clock = clock;
    this.capacity = capacity;
    this.lifetime = lifetime;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.expiries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** The cache key of this credential: a hex HMAC-SHA256, never the password itself. */
  String keyOf(String user, byte[] password, String hash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      field(mac, user.getBytes(StandardCharsets.UTF_8));
      field(mac, password);
      field(mac, hash.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static void field(Mac mac, byte[] bytes) {
    mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array()); // length-prefixed: unambiguous
    mac.update(bytes);
  }

  synchronized boolean contains(String cacheKey) {
    Instant expiry = expiries.get(cacheKey);
    if (expiry == null) {
      return false;
    }
    if (!clock.instant().isBefore(expiry)) {
      expiries.remove(cacheKey);
      return false;
    }
    return true;
  }

  synchronized void add(String cacheKey) {
    expiries.put(cacheKey, clock.instant().plus(lifetime));
    while (expiries.size() > capacity) {
      expiries.remove(expiries.keySet().iterator().next()); // least recently used
    }
  }

  synchronized int size() {
    return expiries.size();
  }

  @Override
  public String toString() {
    return "verified-credentials(size=" + size() + ", capacity=" + capacity + ")";
  }
}
