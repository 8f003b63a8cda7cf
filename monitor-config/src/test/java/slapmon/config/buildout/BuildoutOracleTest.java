package slapmon.config.buildout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slapmon.config.ConfigException;
import slapmon.config.Value;

/**
 * Differential test: our buildout reader against real zc.buildout 2.13.2 on every file of the
 * corpus ({@code src/test/resources/buildout/corpus}, see {@link CorpusFiles}).
 *
 * <p>For each top file, {@code /usr/bin/python3 oracle.py FILE} says what zc.buildout makes of it.
 * When zc.buildout accepts the file, {@link BuildoutConfig#resolveAll()} must give the same sections
 * with the same options and the same text. When it rejects the file, {@link BuildoutConfig#load} or
 * {@code resolveAll()} must throw {@link ConfigException}.
 *
 * <p>zc.buildout adds defaults we do not copy, so both sides are filtered the same way (the oracle's
 * filter is described in {@code oracle.py}): of {@code [buildout]} we compare only the options the
 * oracle printed (the four directories, {@code parts}, and options a file set), and a {@code
 * [versions]} pin of {@code zc.buildout} or {@code zc.recipe.egg} counts only if the oracle printed
 * it, like an empty {@code [versions]} section.
 *
 * <p>No zc.buildout, no pass: without it every case fails and says how to install it.
 */
final class BuildoutOracleTest {
  private static final int MINIMUM_TOP_FILES = 35;
  private static final List<String> ADDED_VERSION_PINS = List.of("zc.buildout", "zc.recipe.egg");

  static List<String> topFiles() {
    return CorpusFiles.topFiles();
  }

  @Test
  void zc_buildout_is_installed_for_the_oracle() {
    requireOracle();
  }

  @Test
  void corpus_has_at_least_35_top_files() {
    List<String> files = CorpusFiles.topFiles();
    assertThat(files)
        .as("top files of %s", CorpusFiles.corpus())
        .hasSizeGreaterThanOrEqualTo(MINIMUM_TOP_FILES);
    assertThat(files.stream().filter(CorpusFiles::expectedRejected))
        .as("files zc.buildout rejects, under corpus/rejected/")
        .isNotEmpty();
    assertThat(files.stream().filter(f -> !CorpusFiles.expectedRejected(f)))
        .as("files zc.buildout accepts")
        .hasSizeGreaterThanOrEqualTo(MINIMUM_TOP_FILES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topFiles")
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void reader_agrees_with_zc_buildout(String relative) throws Exception {
    requireOracle();
    Path file = CorpusFiles.resolve(relative);
    CorpusFiles.Verdict oracle = CorpusFiles.oracle(file);

    boolean placedAsRejected = CorpusFiles.expectedRejected(relative);
    assertThat(!oracle.ok())
        .as("corpus/%s is %s, but %s", relative,
            placedAsRejected ? "under rejected/" : "outside rejected/", oracle.describe())
        .isEqualTo(placedAsRejected);

    if (oracle.ok()) {
      Map<String, Map<String, Value>> resolved;
      try {
        resolved = BuildoutConfig.load(file).resolveAll();
      } catch (ConfigException e) {
        throw new AssertionError("zc.buildout accepts corpus/" + relative
            + " but our reader rejects it:\n" + e.getMessage() + "\noracle: " + oracle.json(), e);
      }
      Map<String, Map<String, String>> ours = comparable(resolved, oracle.sections());
      List<String> differences = CorpusFiles.differences(oracle.sections(), ours);
      if (!differences.isEmpty()) {
        fail("corpus/" + relative + ": our reader differs from zc.buildout in "
            + differences.size() + " place(s):\n  " + String.join("\n  ", differences));
      }
    } else {
      Throwable thrown = catchThrowable(() -> BuildoutConfig.load(file).resolveAll());
      assertThat(thrown)
          .as("corpus/%s: %s; our reader must throw ConfigException from load or resolveAll",
              relative, oracle.describe())
          .isInstanceOf(ConfigException.class);
    }
  }

  private static void requireOracle() {
    String problem = CorpusFiles.oracleProblem();
    if (problem != null) {
      fail("The zc.buildout oracle is not available: " + problem);
    }
  }

  /**
   * Our resolved sections as plain text, with the oracle's filter applied: {@code [buildout]} keeps
   * only the options the oracle printed (an option it printed that we lack stays a difference),
   * and {@code [versions]} loses the pins zc.buildout adds, and goes when empty, unless the oracle
   * printed them.
   */
  private static Map<String, Map<String, String>> comparable(
      Map<String, Map<String, Value>> resolved, Map<String, Map<String, String>> oracle) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    resolved.forEach((section, options) -> {
      Map<String, String> texts = new LinkedHashMap<>();
      options.forEach((key, value) -> texts.put(key, value.text()));
      out.put(section, texts);
    });
    Map<String, String> buildout = out.get("buildout");
    Map<String, String> oracleBuildout = oracle.getOrDefault("buildout", Map.of());
    if (buildout != null) {
      buildout.keySet().retainAll(oracleBuildout.keySet());
    }
    Map<String, String> versions = out.get("versions");
    if (versions != null) {
      Map<String, String> oracleVersions = oracle.getOrDefault("versions", Map.of());
      for (String pin : ADDED_VERSION_PINS) {
        if (!oracleVersions.containsKey(pin)) {
          versions.remove(pin);
        }
      }
      if (versions.isEmpty() && !oracle.containsKey("versions")) {
        out.remove("versions");
      }
    }
    return out;
  }
}
