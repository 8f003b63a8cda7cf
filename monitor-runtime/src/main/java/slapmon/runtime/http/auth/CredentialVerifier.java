package slapmon.runtime.http.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks a user name and password against an {@link HtpasswdFile}, remembering recent successes
 * (never the password) so that bcrypt is not paid on every request; thread-safe. An unknown user
 * costs one bcrypt at {@link BcryptLine#COST} like a known one, so that the time of a refusal does
 * not tell whether the user exists.
 */
public final class CredentialVerifier {
  static final int CACHE_CAPACITY = 1_000;
  static final Duration CACHE_LIFETIME = Duration.ofMinutes(10);

  private final HtpasswdFile htpasswd;
  private final PasswordHashes hashes;
  private final VerifiedCredentials verified;

  CredentialVerifier(HtpasswdFile htpasswd, Clock clock, BcryptCheck bcrypt) {
    this.htpasswd = htpasswd;
    this.hashes = new PasswordHashes(bcrypt);
    this.verified = new VerifiedCredentials(clock, CACHE_CAPACITY, CACHE_LIFETIME);
  }

  /** A verifier for the users of {@code htpasswd}, caching with {@code clock}. */
  public static CredentialVerifier of(HtpasswdFile htpasswd, Clock clock) {
    return new CredentialVerifier(htpasswd, clock, BcryptCheck.favre());
  }

  /**
   * Whether {@code password} is the current password of {@code user} and passed the slow check
   * recently: cheap (one HMAC), never runs bcrypt. False says nothing; {@link #verify} decides.
   */
  public boolean verifiedRecently(String user, char[] password) {
    Optional<String> hash = htpasswd.hashOf(user);
    if (hash.isEmpty()) {
      return false;
    }
    byte[] bytes = utf8(password);
    try {
      return verified.contains(verified.keyOf(user, bytes, hash.get()));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Whether {@code password} is the current password of {@code user}; the caller still owns the
   * array and should clear it.
   */
  public boolean verify(String user, char[] password) {
    Optional<String> hash = htpasswd.hashOf(user);
    byte[] bytes = utf8(password);
    try {
      if (hash.isEmpty()) {
        hashes.matches(bytes, UnknownUser.HASH); // the same work as a wrong password
        return false;
      }
      String cacheKey = verified.keyOf(user, bytes, hash.get());
      if (verified.contains(cacheKey)) {
        return true;
      }
      boolean ok = hashes.matches(bytes, hash.get());
      if (ok) {
        verified.add(cacheKey);
      }
      return ok;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Whether {@code user} is a user who can log in (so that logs never echo a mistyped password). */
  public boolean knows(String user) {
    return htpasswd.hashOf(user).isPresent();
  }

  /** A bcrypt hash of a random password nobody knows, made once, when first needed. */
  private static final class UnknownUser {
    static final String HASH;

    static {
      SecureRandom random = new SecureRandom();
      byte[] password = new byte[32];
      random.nextBytes(password);
      HASH = BcryptLine.hashOf(password, random);
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }

  @Override
  public String toString() {
    return "credentials(" + htpasswd + ", " + verified + ")";
  }
}
