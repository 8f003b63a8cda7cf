package slapmon.runtime.parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import slapmon.config.ini.PythonText;
import slapmon.config.settings.HostName;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * The value of an {@code httpdcors} parameter: host names separated by white space. Reads and
 * checks it, and renders the Apache include the original wrote for it (SPEC §A.10.4).
 */
final class CorsDomains {
  static final int MAX_DOMAINS = 64;
  static final int MAX_VALUE_CHARS = 4096;

  /** What Python's {@code re.escape} escapes among the characters a host name may hold. */
  private static final Pattern REGEX_SPECIAL = Pattern.compile("([.\\-])");

  private CorsDomains() {}

  /**
   * The host names of {@code value}, in order; an empty value gives none.
   *
   * @throws IllegalArgumentException naming the first host name that is not one, and why
   */
  static List<String> parse(String value) {
    if (value.length() > MAX_VALUE_CHARS) {
      throw new IllegalArgumentException(
          "is " + value.length() + " characters long, at most " + MAX_VALUE_CHARS + " allowed");
    }
    List<String> domains = PythonText.splitWords(value);
    if (domains.size() > MAX_DOMAINS) {
      throw new IllegalArgumentException(
          "lists " + domains.size() + " host names, at most " + MAX_DOMAINS + " allowed");
    }
    for (String domain : domains) {
      checkHost(domain);
    }
    return List.copyOf(domains);
  }

  private static void checkHost(String host) {
    HostName.problem(host, Quoted::of)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(
                  Quoted.of(host) + " is not a host name: " + problem);
            });
  }

  /**
   * The Apache include for {@code domains}: empty for none, otherwise the five lines of SPEC
   * §A.10.4 with the domains regex-escaped and joined by {@code |}, each line ending in a newline.
   */
  static String apacheInclude(List<String> domains) {
    if (domains.isEmpty()) {
      return "";
    }
    List<String> escaped = new ArrayList<>();
    for (String domain : domains) {
      escaped.add(REGEX_SPECIAL.matcher(domain).replaceAll("\\\\$1"));
    }
    String condition = "env=ORIGIN_DOMAIN";
    return "SetEnvIf Origin \"^http(s)?://(.+\\.)?(" + String.join("|", escaped) + ")$\""
        + " ORIGIN_DOMAIN=$0\n"
        + "Header always set Access-Control-Allow-Origin \"%{ORIGIN_DOMAIN}e\" " + condition + "\n"
        + "Header always set Access-Control-Allow-Credentials \"true\" " + condition + "\n"
        + "Header always set Access-Control-Allow-Methods \""
        + CorsPolicy.ALLOWED_METHODS + "\" " + condition + "\n"
        + "Header always set Access-Control-Allow-Headers \""
        + CorsPolicy.ALLOWED_HEADERS + "\" " + condition + "\n";
  }
}
