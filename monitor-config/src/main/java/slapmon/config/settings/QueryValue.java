package slapmon.config.settings;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes a value put into the query of {@code monitor-setup-url}, byte for byte of its
 * UTF-8 form: every byte is encoded except {@code A-Z a-z 0-9 - . _ ~ : / @ [ ]}. This is Python's
 * {@code urllib.parse.quote(value, safe=":/@[]")}, which the SlapOS side computes too, so both give
 * the same URL; values made only of those characters come out unchanged, as the original's plain
 * concatenation gave them.
 */
final class QueryValue {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private QueryValue() {}

  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isKept(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean isKept(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || "-._~:/@[]".indexOf(c) >= 0;
  }
}
