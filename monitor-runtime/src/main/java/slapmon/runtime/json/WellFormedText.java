package slapmon.runtime.json;

/**
 * Text that encodes as UTF-8: an unpaired surrogate (which Java strings may hold, from a
 * sub-monitor's title, a file name or a client's upload) becomes U+FFFD. Jackson writes one as a
 * {@code \uD800} escape, which strict JSON parsers refuse.
 */
public final class WellFormedText {
  private static final char REPLACEMENT = '\uFFFD';

  private WellFormedText() {}

  /** {@code text} itself when it is well formed, else a copy with each lone surrogate replaced. */
  public static String of(String text) {
    int first = firstLoneSurrogate(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      }
    }
    return out.toString();
  }

  private static int firstLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else {
        return i;
      }
    }
    return -1;
  }
}
