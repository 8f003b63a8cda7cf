package slapmon.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules shipped in docs/prometheus/ are valid ({@code promtool check rules}), their unit tests
 * pass ({@code promtool test rules}), and every series they use is one slapmon exposes.
 */
final class PrometheusRulesTest {
  static final Path RULES_FOLDER = Path.of("..", "docs", "prometheus");
  static final Path RULES = RULES_FOLDER.resolve("slapmon.rules.yml");

  @TempDir Path dir;

  @Test
  void the_shipped_rules_are_valid() throws Exception {
    Promtool.Result check = Promtool.run(new byte[0], "check", "rules", RULES.toString());
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS");
  }

  @Test
  void the_shipped_rules_pass_their_unit_tests() throws Exception {
    Promtool.Result test =
        Promtool.run(new byte[0], "test", "rules",
            RULES_FOLDER.resolve("slapmon.rules.test.yml").toString());
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  /**
   * The scrape configuration docs/prometheus.md gives is one Prometheus reads, with the shipped
   * rules (its paths under /etc/prometheus/ moved to a test folder holding those files).
   */
  @Test
  void the_documented_scrape_configuration_is_valid() throws Exception {
    String doc = Files.readString(RULES_FOLDER.resolveSibling("prometheus.md"));
    String section = doc.substring(doc.indexOf("## Scrape configuration"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```", start));
    FleetCertificates ca = FleetCertificates.create(dir.resolve("ca"));
    Files.copy(ca.caFile, dir.resolve("slapmon-ca.pem"));
    Files.writeString(dir.resolve("slapmon.password"), "secret");
    Files.copy(RULES, dir.resolve("slapmon.rules.yml"));
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, yaml.replace("/etc/prometheus/", dir + "/"));
    Promtool.Result check = Promtool.run(new byte[0], "check", "config", config.toString());
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 1 rule files found");
  }

  /** A renamed metric would leave a rule that never matches: promtool cannot tell. */
  @Test
  void every_series_the_rules_use_is_in_a_scrape() throws Exception {
    String rules = Files.readString(RULES);
    String scrape = new String(MonitorMetricsFixture.fullScrape(dir), StandardCharsets.UTF_8);
    Matcher names = Pattern.compile("(?<![:\\w])slapmon_[a-z_]+").matcher(rules);
    int found = 0;
    while (names.find()) {
      String name = names.group();
      if (name.equals("slapmon_role") || name.equals("slapmon_root_title")) {
        continue; // target labels of the http_sd endpoint
      }
      assertThat(scrape).as("a series the rules use").contains("\n" + name);
      found++;
    }
    assertThat(found).isGreaterThan(5);
  }
}
