package slapmon.config.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses IPv4 and IPv6 address literals without ever resolving a name: text that is not a literal
 * is rejected before {@link InetAddress} can see it; {@link #format} writes one back.
 */
public final class IpLiteral {
  static final String EXPECTED = "an IPv6 or IPv4 address literal such as 2001:db8::1 or 10.0.0.1";

  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpLiteral() {}

  static InetAddress parse(String text) throws Parser.Invalid {
    if (IPV4.matcher(text).matches()) {
      return ipv4(text);
    }
    // With a ':' in it and a hex digit or ':' first, InetAddress parses the text as an IPv6
    // literal and throws when it is not one; it never looks a name up (JDK 17 getAllByName).
    boolean startsLikeLiteral =
        !text.isEmpty() && (Character.digit(text.charAt(0), 16) != -1 || text.charAt(0) == ':');
    if (text.indexOf(':') < 0 || !startsLikeLiteral || !IPV6_CHARACTERS.matcher(text).matches()) {
      throw new Parser.Invalid(EXPECTED);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new Parser.Invalid(EXPECTED);
    }
  }

  /**
   * The address as text: dotted for IPv4, and for IPv6 the canonical form of RFC 5952 (lower case,
   * no leading zeros, the first longest run of two or more zero groups as {@code ::}).
   */
  public static String format(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return address.getHostAddress();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int length = 0;
      while (i + length < 8 && groups[i + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = i;
        bestLength = length;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static InetAddress ipv4(String text) throws Parser.Invalid {
    String[] parts = text.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int part = Integer.parseInt(parts[i]);
      if (part > 255) {
        throw new Parser.Invalid(EXPECTED);
      }
      bytes[i] = (byte) part;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
