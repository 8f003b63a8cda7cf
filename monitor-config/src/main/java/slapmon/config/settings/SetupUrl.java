package slapmon.config.settings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code monitor-setup-url}, built as today's original builds it: the URI template {@code
 * interface-url}{@code {&url,username,password}} expanded (RFC 6570 form-style query continuation)
 * and then percent-decoded as Python's {@code urllib.parse.unquote}. The decoding turns the
 * expansion back into plain text, so the original's result is {@code unquote(interface-url)}
 * followed by {@code &url=}OPML{@code &username=}user{@code &password=}password, raw.
 *
 * <p>One deliberate difference (SPEC D.40): the three values are left percent-encoded by {@link
 * QueryValue} where they hold characters outside {@code A-Z a-z 0-9 - . _ ~ : / @ [ ]}, which
 * would otherwise cut the link (a password with {@code &} or {@code #}). Values made of those
 * characters only (the generated password, {@code admin}, the monitor's URL) give the original's
 * URL exactly.
 */
final class SetupUrl {
  private SetupUrl() {}

  static String build(String interfaceUrl, String monitorUrl, String user, String password) {
    return unquote(interfaceUrl)
        + "&url="
        + QueryValue.encode(monitorUrl)
        + "&username="
        + QueryValue.encode(user)
        + "&password="
        + QueryValue.encode(password);
  }

  /**
   * Python's {@code urllib.parse.unquote}: each run of {@code %XX} escapes is decoded as UTF-8,
   * malformed bytes becoming U+FFFD; a {@code %} not followed by two hex digits stays as it is.
   */
  static String unquote(String text) {
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      if (isEscape(text, i)) {
        run.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      flush(run, out);
      out.append(text.charAt(i));
      i++;
    }
    flush(run, out);
    return out.toString();
  }

  private static boolean isEscape(String text, int i) {
    return text.charAt(i) == '%'
        && i + 2 < text.length()
        && isHex(text.charAt(i + 1))
        && isHex(text.charAt(i + 2));
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static void flush(ByteArrayOutputStream run, StringBuilder out) {
    if (run.size() > 0) {
      // new String(bytes, UTF_8) replaces malformed input with U+FFFD, as Python's 'replace'.
      out.append(new String(run.toByteArray(), StandardCharsets.UTF_8));
      run.reset();
    }
  }
}
