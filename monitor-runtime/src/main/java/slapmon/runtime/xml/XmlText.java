package slapmon.runtime.xml;

/**
 * Makes any text storable in XML 1.0: characters XML forbids (most C0 controls, lone surrogates,
 * U+FFFE and U+FFFF) become U+FFFD, since promise output and sub-monitor titles can be anything.
 */
public final class XmlText {
  private static final int REPLACEMENT = 0xFFFD;

  private XmlText() {}

  /** The text with every character XML 1.0 forbids replaced by U+FFFD. */
  public static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(allowed(c) ? c : REPLACEMENT));
    return out.toString();
  }

  /**
   * The text as HTML that shows it as it is, for an element that readers render as HTML (an RSS
   * {@code <description>}), so that markup in promise output is shown, never run. Characters XML
   * forbids are replaced as by {@link #clean}.
   */
  public static String asHtmlText(String text) {
    return escapeHtml(clean(text));
  }

  /** Text made safe anywhere in HTML: between tags and in a quoted attribute. */
  public static String escapeHtml(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The {@code Char} production of XML 1.0; a lone surrogate arrives here as itself. */
  private static boolean allowed(int c) {
    return c == '\t'
        || c == '\n'
        || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
