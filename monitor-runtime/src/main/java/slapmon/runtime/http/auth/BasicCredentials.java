package slapmon.runtime.http.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A user name and password decoded from an {@code Authorization: Basic} header (UTF-8, RFC 7617);
 * {@link #close()} wipes the password, and {@link #toString()} never shows it.
 */
final class BasicCredentials implements AutoCloseable {
  private static final String SCHEME = "basic ";

  private final String user;
  private final char[] password;

  private BasicCredentials(String user, char[] password) {
    this.user = user;
    this.password = password;
  }

  /** The credentials of a well-formed Basic header, or empty for anything else. */
  static Optional<BasicCredentials> parse(String header) {
    if (header == null
        || header.length() <= SCHEME.length()
        || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return Optional.empty();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(header.substring(SCHEME.length()).strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    CharBuffer chars;
    try {
      chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(decoded));
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
    try {
      return split(chars);
    } finally {
      Arrays.fill(chars.array(), '\0');
    }
  }

  private static Optional<BasicCredentials> split(CharBuffer chars) {
    int length = chars.remaining();
    for (int i = 0; i < length; i++) {
      if (chars.get(i) == ':') {
        String user = chars.subSequence(0, i).toString();
        char[] password = new char[length - i - 1];
        chars.position(i + 1);
        chars.get(password);
        return user.isEmpty()
            ? Optional.empty()
            : Optional.of(new BasicCredentials(user, password));
      }
    }
    return Optional.empty();
  }

  String user() {
    return user;
  }

  /** The password itself (not a copy): valid until {@link #close()}. */
  char[] password() {
    return password;
  }

  @Override
  public void close() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "basic-credentials(user=" + user + ", password=<hidden>)";
  }
}
