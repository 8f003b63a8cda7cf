package slapmon.config.buildout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.ConfigException;

/**
 * Where the reader deliberately differs from zc.buildout 2.13.2 ({@code docs/decisions.md} §3).
 * The oracle corpus cannot hold these cases, so they are pinned here.
 */
final class ReaderDeviationsTest {
  @TempDir Path dir;

  private BuildoutConfig load(String text) throws IOException, ConfigException {
    Path file = dir.resolve("a.cfg");
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    return BuildoutConfig.load(file);
  }

  private String value(BuildoutConfig config, String section, String option)
      throws ConfigException {
    return config.section(section).get(option).text();
  }

  @Test
  void byte_order_mark_is_ignored() throws Exception {
    BuildoutConfig config = load("\uFEFF[a]\nx = 1\n");
    assertThat(value(config, "a", "x")).isEqualTo("1");
  }

  @Test
  void substituted_text_is_never_substituted_again() throws Exception {
    BuildoutConfig config = load("[a]\ndollar = $\nx = ${a:dollar}{c:y}\n[c]\ny = secret\n");
    assertThat(value(config, "a", "x")).isEqualTo("${c:y}");
  }

  @Test
  void section_name_reference_names_the_referenced_section() throws Exception {
    BuildoutConfig config =
        load("[a]\nmine = ${:_buildout_section_name_}\nother = ${b:_buildout_section_name_}\n[b]\n");
    assertThat(value(config, "a", "mine")).isEqualTo("a");
    assertThat(value(config, "a", "other")).isEqualTo("b");
  }

  @Test
  void only_a_sign_right_before_equals_is_an_operator() throws Exception {
    Files.writeString(dir.resolve("base.cfg"), "[a]\nkey = base\nkey2 = base\n");
    BuildoutConfig config = load("[buildout]\nextends = base.cfg\n[a]\nkey+= more\nkey2+ = literal\n");
    assertThat(config.section("a"))
        .containsOnlyKeys("key", "key2", "key2+")
        .satisfies(
            a -> {
              assertThat(a.get("key").text()).isEqualTo("base\nmore");
              assertThat(a.get("key2").text()).isEqualTo("base");
              assertThat(a.get("key2+").text()).isEqualTo("literal");
            });
  }

  @Test
  void supported_conditions_keep_or_drop_sections() throws Exception {
    BuildoutConfig config =
        load(
            "[kept:python3 and (linux or not windows)]\nx = 1\n"
                + "[dropped:python2 or False]\ny = 2\n"
                + "[kept2 : not python2 ]\nz = 3\n");
    assertThat(config.sectionNames()).contains("kept", "kept2").doesNotContain("dropped");
  }
}
