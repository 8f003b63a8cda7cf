package slapmon.runtime.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One htpasswd line, {@code user:$2y$10$…} (no line end), as Apache's {@code htpasswd -B} writes
 * it: bcrypt of the password's UTF-8 bytes, bytes past the 72nd ignored as Apache ignores them.
 * The one place slapmon makes password hashes: {@code render} and the web write-back both use it.
 */
public final class BcryptLine {
  /** Apache's {@code htpasswd -B} uses 5 by default; we pay a little more. */
  public static final int COST = 10;

  private BcryptLine() {}

  public static String of(String user, String password, SecureRandom random) {
    byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
    try {
      return user + ":" + hashOf(bytes, random);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The {@code $2y$}, cost {@link #COST} hash of {@code password}. */
  static String hashOf(byte[] password, SecureRandom random) {
    byte[] hash =
        BCrypt.with(
                BCrypt.Version.VERSION_2Y,
                random,
                LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y))
            .hash(COST, password);
    return new String(hash, StandardCharsets.US_ASCII);
  }
}
