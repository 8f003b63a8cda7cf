package slapmon.runtime.log;

/**
 * Text from outside (an upload, a promise's output, a request path, a parser's message) made fit
 * for one log line: line breaks and other control characters shown as escapes, so that it cannot
 * forge a line, and cut at {@link #MAX_CHARS} characters, so that no input makes a line of
 * hundreds of kilobytes.
 */
public final class LogText {
  public static final int MAX_CHARS = 1024;

  private LogText() {}

  /** {@code text} escaped and, beyond {@link #MAX_CHARS}, cut with "… (N more characters)". */
  public static String bounded(Object text) {
    String value = String.valueOf(text);
    int shown = Math.min(value.length(), MAX_CHARS);
    if (shown < value.length() && Character.isHighSurrogate(value.charAt(shown - 1))) {
      shown--; // never split a character
    }
    StringBuilder out = new StringBuilder(shown + 32);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (shown < value.length()) {
      out.append("… (").append(value.length() - shown).append(" more characters)");
    }
    return out.toString();
  }
}
