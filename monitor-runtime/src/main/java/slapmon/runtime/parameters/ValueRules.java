package slapmon.runtime.parameters;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import slapmon.config.ini.PythonText;
import slapmon.config.settings.PromiseTimeout;

/**
 * What a submitted value of a {@code file} or {@code htpasswd} parameter must look like; each
 * check gives the reason a value is refused, in words that never repeat a password.
 */
final class ValueRules {
  /** The largest content a {@code file} parameter accepts, in UTF-8 bytes. */
  static final int MAX_FILE_BYTES = 64 * 1024;
  /** bcrypt reads no further than 72 bytes: a longer password would be silently cut. */
  static final int MAX_PASSWORD_BYTES = 72;
  private ValueRules() {}

  /** A file's content: text without NUL, at most {@link #MAX_FILE_BYTES}. */
  static Optional<String> fileContent(String value) {
    if (value.indexOf('\0') >= 0) {
      return Optional.of("contains a NUL character; a file value is text");
    }
    if (!wellFormed(value)) {
      return Optional.of("is not valid Unicode text (a lone surrogate)");
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_FILE_BYTES) {
      return Optional.of("is " + bytes + " bytes long, at most " + MAX_FILE_BYTES + " allowed");
    }
    return Optional.empty();
  }

  /** The promise timeout, by the rule monitor.conf and the promise engine apply too. */
  static Optional<String> timeoutSeconds(String value) {
    Optional<String> content = fileContent(value);
    if (content.isPresent()) {
      return content;
    }
    try {
      PromiseTimeout.parse(value);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "expected " + PromiseTimeout.EXPECTED + ", got " + Quoted.of(PythonText.strip(value)));
    }
  }

  /**
   * A password: one line of printable text, not empty, no white space at either end (every
   * reader of the password file strips it), at most {@link #MAX_PASSWORD_BYTES} in UTF-8.
   */
  static Optional<String> password(String value) {
    if (value.isEmpty()) {
      return Optional.of("the password is empty");
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return Optional.of("the password contains a line break; it must be one line");
    }
    if (value.indexOf('\0') >= 0) {
      return Optional.of("the password contains a NUL character");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("the password contains a control character");
    }
    if (!wellFormed(value)) {
      return Optional.of("the password is not valid Unicode text (a lone surrogate)");
    }
    if (!PythonText.strip(value).equals(value)) {
      return Optional.of("the password starts or ends with white space");
    }
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PASSWORD_BYTES) {
      return Optional.of(
          "the password is " + bytes + " bytes long in UTF-8; bcrypt reads at most "
              + MAX_PASSWORD_BYTES);
    }
    return Optional.empty();
  }

  private static boolean wellFormed(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
