package slapmon.runtime.render;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import slapmon.config.settings.Password;

/**
 * One htpasswd line, {@code user:$2y$10$…}, as Apache's {@code htpasswd -B} writes it: bcrypt of
 * the password's UTF-8 bytes, bytes past the 72nd ignored as Apache ignores them.
 */
final class HtpasswdLine {
  static final int COST = 10;

  private HtpasswdLine() {}

  static String of(String user, Password password, SecureRandom random) {
    BCrypt.Hasher hasher =
        BCrypt.with(
            BCrypt.Version.VERSION_2Y,
            random,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));
    byte[] hash = hasher.hash(COST, password.text().getBytes(StandardCharsets.UTF_8));
    return user + ":" + new String(hash, StandardCharsets.US_ASCII) + "\n";
  }
}
