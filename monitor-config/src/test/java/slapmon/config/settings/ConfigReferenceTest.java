package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import slapmon.config.ConfigException;
import slapmon.config.Location;
import slapmon.config.Value;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/config-reference.md} documents every option the binders read: a source that records
 * every option looked up, in every section, is bound as an instance profile and as a {@code
 * monitor.conf}, and each recorded option must have its row under its section's heading.
 */
final class ConfigReferenceTest {
  private static final Path REFERENCE = Path.of("../docs/config-reference.md");
  private static final Pattern HEADING = Pattern.compile("^#{2,4} .*`\\[([^\\]]+)\\]`.*$");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|.*$");

  @Test
  void every_option_a_binder_reads_is_documented() throws Exception {
    Map<String, Set<String>> read = new LinkedHashMap<>();
    bindIgnoringErrors(() -> Settings.bindInstance(recording(read)));
    bindIgnoringErrors(() -> Settings.bindMonitorConf(recording(read)));
    Map<String, Set<String>> documented = documented();

    assertThat(read).containsKeys("monitor-instance-parameter", "monitor", "httpd", "promises");
    read.forEach(
        (section, options) ->
            assertThat(documented.getOrDefault(section, Set.of()))
                .as("options of [%s] documented in %s", section, REFERENCE)
                .containsAll(options));
  }

  /** Every section exists and is empty; each option looked up is recorded under its section. */
  private static SectionSource recording(Map<String, Set<String>> read) {
    return new SectionSource() {
      @Override
      public Optional<Map<String, Value>> section(String name) {
        Set<String> options = read.computeIfAbsent(name, n -> new LinkedHashSet<>());
        return Optional.of(
            new HashMap<String, Value>() {
              private static final long serialVersionUID = 1L;

              @Override
              public Value get(Object key) {
                options.add((String) key);
                return null;
              }
            });
      }

      @Override
      public Location origin() {
        return new Location(Path.of("recording"), 0);
      }
    };
  }

  private interface Binding {
    void run() throws ConfigException;
  }

  /** Binding empty sections fails; what counts is what was looked up on the way. */
  private static void bindIgnoringErrors(Binding binding) {
    try {
      binding.run();
    } catch (ConfigException expected) {
      // Every required option is missing.
    }
  }

  private static Map<String, Set<String>> documented() throws IOException {
    Map<String, Set<String>> documented = new HashMap<>();
    String section = null;
    List<String> lines = Files.readAllLines(REFERENCE, StandardCharsets.UTF_8);
    for (String line : lines) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        section = heading.group(1);
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (row.matches() && section != null) {
        documented.computeIfAbsent(section, s -> new LinkedHashSet<>()).add(row.group(1));
      }
    }
    return documented;
  }
}
