package slapmon.runtime.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;

/** The slow bcrypt comparison, behind an interface so that tests can count how often it runs. */
@FunctionalInterface
interface BcryptCheck {
  boolean matches(byte[] password, String hash);

  /**
   * favre bcrypt, which reads {@code $2y$}, {@code $2a$} and {@code $2b$}; like Apache, it ignores
   * password bytes past the 72nd instead of refusing the password.
   */
  static BcryptCheck favre() {
    BCrypt.Verifyer verifyer =
        BCrypt.verifyer(null, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));
    return (password, hash) ->
        verifyer.verify(password, hash.getBytes(StandardCharsets.US_ASCII)).verified;
  }
}
