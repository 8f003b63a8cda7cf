package slapmon.config.settings;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import slapmon.config.ini.PythonText;

/** The value types of the monitor sections; each parser names what it expects in its error. */
final class Parsers {
  static final String PATH = "an absolute path";
  static final String BASE_URL = "an absolute http or https URL without query or fragment";
  static final String URL = "an absolute http or https URL";
  static final String PORT = "a port number from 1 to 65535";
  static final String DOMAIN = "a domain name such as monitor.app.officejs.com";
  static final String USER = "a user name without white space or ':'";
  static final String LINE = "a single line of text";
  static final String SECONDS = "a positive whole number of seconds such as 20 or 20s";
  static final String BOOLEAN = "true or false";
  static final String IPV4 = "an IPv4 address literal such as 10.0.0.1";
  static final String IPV6 = "an IPv6 address literal such as 2001:db8::1";
  static final String THRESHOLD =
      "a whole number of failed runs from 1 to " + AlertmanagerSection.MAX_FAILURE_THRESHOLD;
  static final String PROMISE_THRESHOLD_WORD =
      "PROMISE-TITLE:COUNT with COUNT from 1 to "
          + AlertmanagerSection.MAX_FAILURE_THRESHOLD
          + ", such as check-site:3";

  private static final Pattern WHOLE_SECONDS = Pattern.compile("[0-9]{1,9}s?");

  private Parsers() {}

  static final Parser<String> SINGLE_LINE = (text, warnings) -> singleLine(text, LINE);

  static final Parser<Path> ABSOLUTE_PATH = (text, warnings) -> absolutePath(text);

  static final Parser<InetAddress> ADDRESS = (text, warnings) -> IpLiteral.parse(text);

  static final Parser<InetAddress> IPV4_ADDRESS =
      (text, warnings) -> {
        InetAddress address;
        try {
          address = ADDRESS.parse(text, warnings);
        } catch (Parser.Invalid e) {
          throw new Parser.Invalid(IPV4);
        }
        if (!(address instanceof Inet4Address)) {
          throw new Parser.Invalid(IPV4);
        }
        return address;
      };

  static final Parser<InetAddress> IPV6_ADDRESS =
      (text, warnings) -> {
        InetAddress address;
        try {
          address = ADDRESS.parse(text, warnings);
        } catch (Parser.Invalid e) {
          throw new Parser.Invalid(IPV6);
        }
        if (!(address instanceof Inet6Address)) {
          throw new Parser.Invalid(IPV6);
        }
        return address;
      };

  static final Parser<URI> HTTP_URL = (text, warnings) -> httpUrl(text, URL);

  /**
   * A base URL, to which paths such as {@code /public/feeds} are appended: trailing slashes are
   * removed with a warning, and a query or fragment is an error.
   */
  static final Parser<URI> BASE = Parsers::baseUrl;

  static final Parser<Integer> PORT_NUMBER =
      (text, warnings) -> {
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new Parser.Invalid(PORT);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
          throw new Parser.Invalid(PORT);
        }
        return port;
      };

  static final Parser<String> DOMAIN_NAME =
      (text, warnings) -> {
        if (!HostName.valid(text)) {
          throw new Parser.Invalid(DOMAIN);
        }
        return text;
      };

  static final Parser<String> USER_NAME =
      (text, warnings) -> {
        if (text.isEmpty()
            || text.indexOf(':') >= 0
            || text.chars().anyMatch(PythonText::isSpace)) {
          throw new Parser.Invalid(USER);
        }
        return text;
      };

  static final Parser<Password> PASSWORD =
      (text, warnings) -> {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
          throw Parser.Invalid.hidingValue(
              "a password on a single line; the value found has "
                  + text.lines().count()
                  + " lines (not shown)");
        }
        return new Password(text);
      };

  static final Parser<Duration> WHOLE_SECONDS_DURATION =
      (text, warnings) -> {
        if (!WHOLE_SECONDS.matcher(text).matches()) {
          throw new Parser.Invalid(SECONDS);
        }
        long seconds =
            Long.parseLong(text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
        if (seconds == 0) {
          throw new Parser.Invalid(SECONDS);
        }
        return Duration.ofSeconds(seconds);
      };

  /** {@code promise-timeout}: the rule of {@link PromiseTimeout}, the one every reader uses. */
  static final Parser<Duration> PROMISE_TIMEOUT =
      (text, warnings) -> {
        try {
          return PromiseTimeout.parse(text);
        } catch (IllegalArgumentException e) {
          throw new Parser.Invalid(PromiseTimeout.EXPECTED);
        }
      };

  static final Parser<Integer> FAILURE_THRESHOLD =
      (text, warnings) -> failureThreshold(text, THRESHOLD);

  /** {@code TITLE:COUNT}, split at the last colon: a promise title may hold one. */
  static final Parser<Map.Entry<String, Integer>> PROMISE_THRESHOLD =
      (text, warnings) -> {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
          throw new Parser.Invalid(PROMISE_THRESHOLD_WORD);
        }
        return Map.entry(
            text.substring(0, colon),
            failureThreshold(text.substring(colon + 1), PROMISE_THRESHOLD_WORD));
      };

  /** Python ConfigParser's {@code getboolean} words, in any case. */
  static final Parser<Boolean> TRUTH =
      (text, warnings) -> {
        switch (text.toLowerCase(Locale.ROOT)) {
          case "true", "yes", "on", "1":
            return true;
          case "false", "no", "off", "0":
            return false;
          default:
            throw new Parser.Invalid(BOOLEAN);
        }
      };

  private static int failureThreshold(String text, String expected) throws Parser.Invalid {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new Parser.Invalid(expected);
    }
    int count = Integer.parseInt(text);
    if (count < 1 || count > AlertmanagerSection.MAX_FAILURE_THRESHOLD) {
      throw new Parser.Invalid(expected);
    }
    return count;
  }

  static String singleLine(String text, String expected) throws Parser.Invalid {
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new Parser.Invalid(expected);
    }
    return text;
  }

  static Path absolutePath(String text) throws Parser.Invalid {
    singleLine(text, PATH);
    if (!text.startsWith("/")) {
      throw new Parser.Invalid(PATH);
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new Parser.Invalid(PATH);
    }
  }

  static URI httpUrl(String text, String expected) throws Parser.Invalid {
    singleLine(text, expected);
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new Parser.Invalid(expected);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new Parser.Invalid(expected);
    }
    return uri;
  }

  private static URI baseUrl(String text, java.util.function.Consumer<String> warnings)
      throws Parser.Invalid {
    String trimmed = text;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri = httpUrl(trimmed, BASE_URL);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new Parser.Invalid(BASE_URL);
    }
    if (!trimmed.equals(text)) {
      warnings.accept(
          "removed the trailing '/' of '"
              + text
              + "': paths such as /public/feeds are appended to this URL");
    }
    return uri;
  }
}
