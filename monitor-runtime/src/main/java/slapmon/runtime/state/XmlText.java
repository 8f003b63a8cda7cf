package slapmon.runtime.state;

/**
 * Makes any text storable in XML 1.0: characters XML forbids (most C0 controls, lone surrogates,
 * U+FFFE and U+FFFF) become U+FFFD, since promise output can contain anything.
 */
final class XmlText {
  private static final char REPLACEMENT = '\uFFFD';

  private XmlText() {}

  static String clean(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok = allowed(c);
      }
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : REPLACEMENT);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean allowed(char c) {
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    return !Character.isLowSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
  }
}
