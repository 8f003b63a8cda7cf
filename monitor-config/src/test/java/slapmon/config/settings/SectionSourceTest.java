package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.Value;

/**
 * Binding from sections held in memory, as maps of located values: what no reader decides, such as
 * a source without {@code [buildout] directory} or a section that cannot be resolved.
 */
final class SectionSourceTest {
  private static final Path FILE = Path.of("/etc/profile.cfg");
  private static final Location ORIGIN = new Location(FILE, 0);

  private static Value at(int line, String text) {
    return new Value(text, new Location(FILE, line));
  }

  private static Map<String, Value> instance() {
    Map<String, Value> section = new LinkedHashMap<>();
    section.put("monitor-httpd-ipv6", at(2, "2001:db8::1"));
    section.put("monitor-base-url", at(3, "https://example.com"));
    return section;
  }

  private static List<String> errors(SectionSource source) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> Settings.bindInstance(source));
    assertThat(e).isNotNull();
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void sections_as_maps_bind_under_the_buildout_directory() throws Exception {
    SectionSource source =
        SectionSource.of(
            ORIGIN,
            Map.of(
                "buildout", Map.of("directory", at(1, "/srv/slapgrid/slappart3")),
                "monitor-instance-parameter", instance()));

    MonitorSettings settings = Settings.bindInstance(source).value();

    assertThat(settings.instance().baseUrl()).isEqualTo(URI.create("https://example.com"));
    assertThat(settings.directories())
        .isEqualTo(MonitorDirectoryParameters.under(Path.of("/srv/slapgrid/slappart3")));
    assertThat(settings.httpd().url()).isEqualTo(URI.create("https://[2001:db8::1]:8196"));
  }

  @Test
  void defaults_without_a_partition_folder_report_it_once() {
    SectionSource source =
        SectionSource.of(ORIGIN, Map.of("monitor-instance-parameter", instance()));

    assertThat(errors(source))
        .containsExactly(
            "/etc/profile.cfg: error: [buildout] directory: missing: expected an absolute path,"
                + " the partition folder under which the monitor's default folders are laid out");
  }

  @Test
  void explicit_folders_need_no_partition_folder() throws Exception {
    Map<String, Value> directories = new LinkedHashMap<>();
    for (String key :
        List.of(
            "bin",
            "etc",
            "services",
            "promises",
            "reports",
            "pids",
            "log",
            "monitor-var",
            "public",
            "private",
            "webdav")) {
      directories.put(key, at(10, "/m/" + key));
    }
    Map<String, Value> httpd = new LinkedHashMap<>();
    for (String key :
        List.of(
            "cert-file",
            "key-file",
            "htpasswd-file",
            "httpd-cors-config-file",
            "pid-file",
            "access-log",
            "error-log")) {
      httpd.put(key, at(20, "/h/" + key));
    }
    SectionSource source =
        SectionSource.of(
            ORIGIN,
            Map.of(
                "monitor-instance-parameter",
                instance(),
                "monitor-directory",
                directories,
                "monitor-httpd-conf-parameter",
                httpd,
                "monitor-conf-parameters",
                Map.of("private-path-list", at(30, ""))));

    MonitorSettings settings = Settings.bindInstance(source).value();

    assertThat(settings.directories().monitorVar()).isEqualTo(Path.of("/m/monitor-var"));
    assertThat(settings.httpd().certFile()).isEqualTo(Path.of("/h/cert-file"));
    assertThat(settings.linkedPaths()).isEqualTo(new LinkedPaths(List.of(), List.of()));
  }

  @Test
  void a_section_that_cannot_be_resolved_reports_the_reader_error_only() {
    Diagnostic unresolved =
        Diagnostic.error(
            new Location(FILE, 7),
            "monitor-instance-parameter",
            "monitor-title",
            "${nope:x} refers to section [nope], which does not exist");
    SectionSource source =
        new SectionSource() {
          @Override
          public Optional<Map<String, Value>> section(String name) throws ConfigException {
            if (name.equals("monitor-instance-parameter")) {
              throw new ConfigException(unresolved);
            }
            return name.equals("buildout")
                ? Optional.of(Map.of("directory", at(1, "/p")))
                : Optional.empty();
          }

          @Override
          public Location origin() {
            return ORIGIN;
          }
        };

    assertThat(errors(source)).containsExactly(unresolved.toString());
  }

  @Test
  void source_of_maps_copies_and_keeps_order() throws Exception {
    Map<String, Value> dict = new LinkedHashMap<>();
    dict.put("b", at(1, "https://b.example"));
    dict.put("a", at(2, "https://a.example"));
    Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
    sections.put("monitor-base-url-dict", dict);
    SectionSource source = SectionSource.of(ORIGIN, sections);
    dict.clear();

    assertThat(source.section("monitor-base-url-dict").orElseThrow().keySet())
        .containsExactly("b", "a");
    assertThat(source.section("absent")).isEmpty();
    assertThat(source.origin()).isEqualTo(ORIGIN);
  }
}
