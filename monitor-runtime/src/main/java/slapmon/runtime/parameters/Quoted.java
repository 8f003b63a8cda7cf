package slapmon.runtime.parameters;

/** A submitted value quoted for a message: shortened, control characters shown as escapes. */
final class Quoted {
  static final int MAX_CHARS = 40;

  private Quoted() {}

  /** {@code 'value'}, or {@code 'first 40 characters…'}; never use it on a password. */
  static String of(String value) {
    StringBuilder out = new StringBuilder("'");
    int shown = 0;
    for (int i = 0; i < value.length() && shown < MAX_CHARS; i++, shown++) {
      char c = value.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > MAX_CHARS) {
      out.append('…');
    }
    return out.append('\'').toString();
  }
}
