package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import slapmon.config.NearestName;

/**
 * "Did you mean" over the option names of both eras: the monitor sections of today's original
 * template, and the {@code [monitor]} keys of a seed-era monitor.conf. Every one-edit typo of a
 * name (last letter dropped, two letters swapped, one letter replaced) is led back to that name,
 * or, when another option of the section is just as near, to one at the same distance.
 */
final class DidYouMeanCorpusTest {
  private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]+)\\]\\s*$");
  private static final Pattern OPTION = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._-]*)\\s*[+-]?=");

  @Test
  void typos_of_every_option_name_of_both_eras_suggest_it() throws IOException {
    Path tree = SlaposTree.find();
    assumeTrue(tree != null, "no shared/oracles/slapos beside the checkout");
    Map<String, Set<String>> sections =
        optionsBySection(tree.resolve("stack/monitor/instance-monitor.cfg.jinja2.in"), "monitor");
    Path seed = SlaposOracle.repository().resolve("monitor-config/src/test/resources/settings/monitor.conf");
    optionsBySection(seed, "monitor").forEach((name, options) -> sections.merge("seed " + name, options, (a, b) -> a));
    assertThat(sections.keySet()).contains("monitor-instance-parameter", "seed monitor");
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (Set<String> names : sections.values()) {
      for (String name : names) {
        for (String typo : typos(name)) {
          if (names.contains(typo)) {
            continue;
          }
          String suggested = NearestName.of(typo, names).orElse(null);
          checked++;
          if (suggested == null
              || (!suggested.equals(name) && distance(typo, suggested) > distance(typo, name))) {
            wrong.add(typo + " -> " + suggested + " (meant " + name + ")");
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).isGreaterThan(200);
    assertThat(NearestName.of("cors-domain", sections.get("monitor-instance-parameter")))
        .contains("cors-domains");
    assertThat(NearestName.of("monitor-httpd-prot", sections.get("monitor-instance-parameter")))
        .contains("monitor-httpd-port");
    assertThat(NearestName.of("instance-configuration", sections.get("monitor-instance-parameter")))
        .as("an option of its own, far from every known one: no suggestion")
        .isEmpty();
  }

  private static List<String> typos(String name) {
    List<String> typos = new ArrayList<>();
    typos.add(name.substring(0, name.length() - 1));
    int middle = name.length() / 2;
    if (name.charAt(middle - 1) != name.charAt(middle)) {
      typos.add(name.substring(0, middle - 1) + name.charAt(middle) + name.charAt(middle - 1)
          + name.substring(middle + 1));
    }
    char replaced = name.charAt(middle) == 'x' ? 'q' : 'x';
    typos.add(name.substring(0, middle) + replaced + name.substring(middle + 1));
    return typos;
  }

  private static int distance(String a, String b) {
    return NearestName.of(a, List.of(b)).isPresent() ? editDistance(a, b) : Integer.MAX_VALUE;
  }

  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
        } else {
          d[i][j] = Math.min(Math.min(d[i - 1][j], d[i][j - 1]) + 1,
              d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
          if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** The options of every section whose name starts with {@code prefix}, by section. */
  private static Map<String, Set<String>> optionsBySection(Path file, String prefix)
      throws IOException {
    Map<String, Set<String>> sections = new LinkedHashMap<>();
    String current = null;
    for (String line : Files.readAllLines(file)) {
      Matcher section = SECTION.matcher(line);
      if (section.matches()) {
        current = section.group(1).startsWith(prefix) ? section.group(1) : null;
        continue;
      }
      Matcher option = OPTION.matcher(line);
      if (current != null && option.find() && option.group(1).length() > 3) {
        sections.computeIfAbsent(current, k -> new LinkedHashSet<>()).add(option.group(1));
      }
    }
    return sections;
  }
}
