package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import slapmon.config.ConfigException;
import slapmon.config.Location;
import slapmon.config.Value;

/**
 * The defaults {@code docs/config-reference.md} gives are the binders': for every row whose
 * default is one literal ({@code `8196`}, {@code `$P/bin`}) or {@code empty}, binding a minimal
 * profile without the option and with the option set to that default gives equal settings. A
 * default naming another option ({@code `monitor-httpd-port`}) stands for that option's value.
 */
final class DocumentedDefaultsTest {
  private static final Path REFERENCE = Path.of("../docs/config-reference.md");
  private static final Pattern HEADING = Pattern.compile("^(#{2,4}) (.*)$");
  private static final Pattern SECTION = Pattern.compile("`\\[([^\\]]+)\\]`");
  private static final Pattern ROW =
      Pattern.compile("^\\| `([^`]+)` \\| ([^|]*) \\| ([^|]*) \\|.*$");
  private static final Pattern LITERAL = Pattern.compile("^`([^`]*)`$");
  private static final String PARTITION = "/srv/slapgrid/slappart7";

  /** One documented default: the option, the value it stands for, and the doc's own words. */
  record Documented(String section, String option, String value, String cell) {}

  @Test
  void instance_profile_defaults_are_the_binders() throws Exception {
    List<Documented> defaults = documented("## Instance profile", "## `etc/monitor.conf`");
    assertThat(defaults).extracting(Documented::option).contains("monitor-httpd-port", "bin");
    assertDefaults(defaults, instanceProfile(), this::bindInstance);
  }

  @Test
  void monitor_conf_defaults_are_the_binders() throws Exception {
    List<Documented> defaults = documented("## `etc/monitor.conf`", null);
    assertThat(defaults).extracting(Documented::option).contains("promise-timeout", "cors-domains");
    assertDefaults(defaults, monitorConf(), this::bindMonitorConf);
  }

  private interface Binder {
    Object bind(Map<String, Map<String, String>> sections) throws ConfigException;
  }

  private static void assertDefaults(
      List<Documented> defaults, Map<String, Map<String, String>> base, Binder binder)
      throws ConfigException {
    Object withoutAny = binder.bind(base);
    List<String> wrong = new ArrayList<>();
    for (Documented documented : defaults) {
      if (base.getOrDefault(documented.section(), Map.of()).containsKey(documented.option())) {
        continue; // The minimal profile sets it: nothing to compare against.
      }
      Map<String, Map<String, String>> withDefault = copy(base);
      withDefault
          .computeIfAbsent(documented.section(), s -> new LinkedHashMap<>())
          .put(documented.option(), resolve(documented.value(), base));
      Object bound;
      try {
        bound = binder.bind(withDefault);
      } catch (ConfigException e) {
        wrong.add(documented + " is refused: " + e.getMessage());
        continue;
      }
      if (!bound.equals(withoutAny)) {
        wrong.add(documented + " is not the default: " + withoutAny + " vs " + bound);
      }
    }
    assertThat(wrong).as("defaults of %s that are not the binders'", REFERENCE).isEmpty();
  }

  /** A default naming an option of {@code [monitor-instance-parameter]} stands for its value. */
  private static String resolve(String value, Map<String, Map<String, String>> base) {
    String text = value.replace("$P", PARTITION);
    Map<String, String> instance = base.get("monitor-instance-parameter");
    if (instance != null && instance.containsKey(text)) {
      return instance.get(text);
    }
    if (text.equals("monitor-httpd-port")) {
      return String.valueOf(InstanceParameters.DEFAULT_HTTPD_PORT);
    }
    return text;
  }

  private Object bindInstance(Map<String, Map<String, String>> sections) throws ConfigException {
    return Settings.bindInstance(source(sections)).value();
  }

  private Object bindMonitorConf(Map<String, Map<String, String>> sections)
      throws ConfigException {
    return Settings.bindMonitorConf(source(sections)).value();
  }

  private static SectionSource source(Map<String, Map<String, String>> sections) {
    Location origin = new Location(Path.of("defaults.cfg"), 0);
    Map<String, Map<String, Value>> values = new LinkedHashMap<>();
    sections.forEach(
        (section, options) -> {
          Map<String, Value> located = new LinkedHashMap<>();
          options.forEach((key, text) -> located.put(key, new Value(text, origin)));
          values.put(section, located);
        });
    return SectionSource.of(origin, values);
  }

  /** Only what has no default, and an Alertmanager so that its options are read. */
  private static Map<String, Map<String, String>> instanceProfile() {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    sections.put("buildout", new LinkedHashMap<>(Map.of("directory", PARTITION)));
    sections.put(
        "monitor-instance-parameter",
        new LinkedHashMap<>(
            Map.of(
                "monitor-httpd-ipv6", "2001:db8::7",
                "monitor-base-url", "https://softinst1234.host.example.net",
                "alertmanager-url-list", "https://[2001:db8::9]:9093")));
    return sections;
  }

  private static Map<String, Map<String, String>> monitorConf() {
    String p = PARTITION;
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> monitor = new LinkedHashMap<>();
    monitor.put("title", "Webrunner-0");
    monitor.put("root-title", "My Webrunner");
    monitor.put("base-url", "https://[2001:db8::7]:8196");
    monitor.put("monitor-url-list", "");
    monitor.put("public-folder", p + "/srv/monitor/public");
    monitor.put("private-folder", p + "/srv/monitor/private");
    monitor.put("webdav-folder", p + "/srv/monitor/webdav");
    monitor.put("service-pid-folder", p + "/var/run/monitor");
    monitor.put("pid-file", p + "/var/run/monitor/monitor-bootstrap.pid");
    monitor.put("promise-output-file", p + "/srv/monitor/monitor-bootstrap-status");
    monitor.put("public-path-list", "");
    monitor.put("private-path-list", "");
    monitor.put("parameter-file-path", p + "/etc/monitor_knowledge0.cfg");
    monitor.put("parameter-list", "raw monitor-user admin");
    sections.put("monitor", monitor);
    sections.put(
        "promises",
        new LinkedHashMap<>(
            Map.of(
                "promise-folder", p + "/etc/plugin",
                "output-folder", p + "/srv/monitor/public")));
    sections.put(
        "httpd",
        new LinkedHashMap<>(
            Map.of(
                "listen-address", "2001:db8::7",
                "port", "8196",
                "cert-file", p + "/srv/ssl/certs/httpd.crt",
                "key-file", p + "/srv/ssl/certs/httpd.key",
                "htpasswd-file", p + "/etc/monitor-htpasswd")));
    sections.put("alertmanager", new LinkedHashMap<>(Map.of("url-list", "http://[::1]:9093")));
    return sections;
  }

  private static Map<String, Map<String, String>> copy(Map<String, Map<String, String>> sections) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    sections.forEach((name, options) -> copy.put(name, new LinkedHashMap<>(options)));
    return copy;
  }

  /**
   * The rows between two level-2 headings whose default is one literal or {@code empty…}; rows
   * whose default is prose (generated, derived, required) say what no binder default is.
   */
  private static List<Documented> documented(String from, String to) throws IOException {
    List<Documented> defaults = new ArrayList<>();
    boolean inside = false;
    String section = null;
    for (String line : Files.readAllLines(REFERENCE, StandardCharsets.UTF_8)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        if (line.equals(from)) {
          inside = true;
        } else if (line.equals(to)) {
          inside = false;
        }
        Matcher name = SECTION.matcher(heading.group(2));
        section = name.find() ? name.group(1) : null;
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (!inside || section == null || !row.matches()) {
        continue;
      }
      String cell = row.group(3).trim();
      Matcher literal = LITERAL.matcher(cell);
      if (literal.matches()) {
        defaults.add(new Documented(section, row.group(1), literal.group(1), cell));
      } else if (cell.startsWith("empty")) {
        defaults.add(new Documented(section, row.group(1), "", cell));
      }
    }
    if (defaults.isEmpty()) {
      fail("no documented default found between '%s' and '%s' in %s", from, to, REFERENCE);
    }
    return defaults;
  }
}
