package slapmon.config.settings;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The one rule of a host name, as CORS domains are written in monitor.conf, the instance profile
 * and the web editor: at most 253 characters, dot-separated labels of 1 to 63 letters, digits or
 * hyphens, none starting or ending with a hyphen.
 */
public final class HostName {
  public static final int MAX_CHARS = 253;

  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private HostName() {}

  /**
   * Why {@code host} is not a host name, if it is not one.
   *
   * @param quote how the reader quotes a label in a message
   */
  public static Optional<String> problem(String host, UnaryOperator<String> quote) {
    if (host.length() > MAX_CHARS) {
      return Optional.of("longer than " + MAX_CHARS + " characters");
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty()) {
        return Optional.of("it has an empty label (two dots in a row, or a dot at an end)");
      }
      if (!LABEL.matcher(label).matches()) {
        return Optional.of(
            "label " + quote.apply(label) + " must be 1 to 63 letters, digits or hyphens, not"
                + " starting or ending with a hyphen");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code host} is a host name. */
  public static boolean valid(String host) {
    return problem(host, UnaryOperator.identity()).isEmpty();
  }
}
