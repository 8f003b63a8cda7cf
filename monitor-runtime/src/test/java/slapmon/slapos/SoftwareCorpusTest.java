package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The software level of the SlapOS releases that extend the monitor stack ({@code
 * slapos_software.py}, whose docstring says what is emulated): each release's {@code software.cfg}
 * resolved by the real zc.buildout (nothing installed) in the SlapOS tree as it is, and in a copy
 * of it whose {@code stack/monitor} holds slapmon's files, as docs/slapos.md tells an operator to
 * switch. A release whose parts resolve with the original stack must resolve with slapmon, and its
 * references to the stack's names must resolve to values of the same kind.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
final class SoftwareCorpusTest {
  private static final long SECONDS = 540;

  @TempDir Path work;

  @Test
  void every_software_cfg_that_resolves_with_the_original_stack_resolves_with_slapmon()
      throws Exception {
    Path tree = SlaposTree.find();
    Assumptions.assumeTrue(tree != null, "no " + SlaposTree.RELATIVE + " above " + SlaposOracle.repository());

    JsonNode corpus = run(tree);

    List<String> original = new ArrayList<>();
    List<String> slapmon = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    int references = 0;
    for (JsonNode release : corpus.get("releases")) {
      String name = release.get("name").asText();
      JsonNode withOriginal = release.get("original");
      JsonNode withSlapmon = release.get("slapmon");
      if (withOriginal.get("ok").asBoolean()) {
        original.add(name);
        references += withOriginal.get("monitor-references").size();
        if (!withSlapmon.get("ok").asBoolean()) {
          lost.add(name + ": " + withSlapmon.get("errors"));
        }
        differences.addAll(differentKinds(name, withOriginal, withSlapmon));
      }
      if (withSlapmon.get("ok").asBoolean()) {
        slapmon.add(name);
      }
    }
    int examined = corpus.get("releases").size();
    System.out.printf(
        "SlapOS releases extending the monitor stack, software.cfg resolved: %d examined%n"
            + "  resolve with the original stack: %d%n  resolve with slapmon: %d%n",
        examined, original.size(), slapmon.size());
    for (JsonNode release : corpus.get("releases")) {
      if (!release.get("original").get("ok").asBoolean()) {
        System.out.println(
            "  not with the original either: " + release.get("name").asText() + ": "
                + release.get("original").get("errors"));
      }
    }
    lost.forEach(line -> System.out.println("  lost with slapmon: " + line));
    System.out.printf(
        "  references to the stack's names of releases resolving with the original: %d, of"
            + " another kind with slapmon: %d%n",
        references, differences.size());
    differences.forEach(line -> System.out.println("    " + line));

    // Floors at what the emulation reaches today (62 releases, 61 resolving with the original, 60
    // references): a weaker harness must not make the property below hold by resolving nothing.
    assertThat(examined).as("releases extending the monitor stack").isGreaterThanOrEqualTo(62);
    assertThat(original)
        .as("releases whose software.cfg resolves with the original stack")
        .hasSizeGreaterThanOrEqualTo(61);
    assertThat(references).as("references to the stack's names").isGreaterThanOrEqualTo(60);
    assertThat(lost).as("releases resolving with the original but not with slapmon").isEmpty();
    assertThat(differences)
        .as("references to the stack's names resolving to another kind of value with slapmon")
        .isEmpty();
  }

  private JsonNode run(Path tree) throws Exception {
    Path scratch = Files.createDirectories(work.resolve("scratch"));
    return HarnessScript.json(
        work,
        "slapos_software.py",
        List.of(tree.toString(), SlaposOracle.repository().toString(), scratch.toString()),
        SECONDS);
  }

  /** The references whose value is of another kind (path, URL, text, missing...) with slapmon. */
  private static List<String> differentKinds(String name, JsonNode original, JsonNode slapmon) {
    JsonNode kinds = slapmon.get("monitor-references");
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : original.get("monitor-references").properties()) {
      String with = kinds.has(entry.getKey()) ? kinds.get(entry.getKey()).asText() : "absent";
      if (!with.equals(entry.getValue().asText())) {
        differences.add(
            name + " " + entry.getKey() + ": " + entry.getValue().asText() + " -> " + with);
      }
    }
    return differences;
  }
}
