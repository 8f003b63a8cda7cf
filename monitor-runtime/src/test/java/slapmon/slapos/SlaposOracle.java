package slapmon.slapos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real zc.buildout and Jinja2 of Debian, driven through {@code slapos_oracle.py} (test
 * resources, next to this package): what SlapOS's buildout makes of slapmon's {@code software.cfg}
 * and {@code instance-monitor.cfg.jinja2}, recipes emulated only in the options they set at init
 * (the script's docstring says which, and how).
 */
final class SlaposOracle {
  static final String PYTHON = "/usr/bin/python3";
  private static final long SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SlaposOracle() {}

  /** A failed run of the oracle: zc.buildout or Jinja2 said no. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String error) {
      super(error);
    }
  }

  /** Every section resolved, the text each jinja2 part would write, and each section's recipe. */
  record Resolution(
      Map<String, Map<String, String>> sections,
      Map<String, String> rendered,
      Map<String, String> recipes) {

    Map<String, String> section(String name) {
      Map<String, String> section = sections.get(name);
      if (section == null) {
        throw new AssertionError("zc.buildout resolved no section [" + name + "]");
      }
      return section;
    }
  }

  /** The repository's top folder (the parent of the module the tests run in). */
  static Path repository() {
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    return module.toAbsolutePath().normalize().getParent();
  }

  static Path template() {
    return repository().resolve("instance-monitor.cfg.jinja2");
  }

  static Path softwareProfile() {
    return repository().resolve("software.cfg");
  }

  /** {@code template} rendered as slapos.recipe.template:jinja2 renders it, with {@code context}. */
  static String jinja2(Path template, Map<String, String> context, Path work)
      throws IOException, InterruptedException, Refused {
    Path contextFile = Files.createTempFile(work, "context-", ".json");
    JSON.writeValue(contextFile.toFile(), context);
    return run(work, "jinja2", template.toString(), contextFile.toString()).get("text").asText();
  }

  /** The sections of {@code profile} as zc.buildout merges them, nothing substituted. */
  static Map<String, Map<String, String>> raw(Path profile, Path work)
      throws IOException, InterruptedException, Refused {
    return sections(run(work, "raw", profile.toString()).get("sections"));
  }

  /**
   * {@code profile} resolved; {@code answers} are what the master answers to the requests (section
   * → return name → value).
   */
  static Resolution resolve(Path profile, Map<String, Map<String, String>> answers, Path work)
      throws IOException, InterruptedException, Refused {
    Path answersFile = Files.createTempFile(work, "answers-", ".json");
    JSON.writeValue(answersFile.toFile(), answers);
    JsonNode result = run(work, "resolve", profile.toString(), answersFile.toString());
    return new Resolution(
        sections(result.get("sections")), strings(result.get("rendered")), strings(result.get("recipes")));
  }

  private static JsonNode run(Path work, String... arguments)
      throws IOException, InterruptedException, Refused {
    List<String> command = new ArrayList<>();
    command.add("--oracle");
    command.add(
        repository().resolve("monitor-config/src/test/resources/buildout/oracle.py").toString());
    command.addAll(List.of(arguments));
    HarnessScript.Output output = HarnessScript.run(work, "slapos_oracle.py", command, SECONDS);
    if (output.exitCode() != 0 || output.stdout().isBlank()) {
      throw new AssertionError(
          "the SlapOS oracle failed (exit "
              + output.exitCode()
              + "); is python3-zc.buildout and python3-jinja2 installed for "
              + PYTHON
              + "?\n"
              + output.stderr());
    }
    JsonNode result = JSON.readTree(output.stdout());
    if (!result.get("ok").asBoolean()) {
      throw new Refused(result.get("error").asText());
    }
    return result;
  }

  private static Map<String, Map<String, String>> sections(JsonNode node) {
    Map<String, Map<String, String>> sections = new TreeMap<>();
    node.properties().forEach(entry -> sections.put(entry.getKey(), strings(entry.getValue())));
    return sections;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> values = new LinkedHashMap<>();
    node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
    return values;
  }
}
