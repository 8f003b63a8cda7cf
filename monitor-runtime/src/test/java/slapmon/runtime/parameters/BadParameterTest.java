package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.FileParameter;
import slapmon.config.settings.ParameterLine.HtpasswdParameter;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;
import slapmon.config.settings.ParameterLine.Raw;
import slapmon.runtime.json.Json;

/** A parameter that cannot be shown is reported and skipped; the others are written (SPEC D.29). */
final class BadParameterTest {
  @TempDir Path base;
  Path folder;
  Path knowledge;

  @BeforeEach
  void setUp() throws IOException {
    folder = Files.createDirectories(base.resolve("config"));
    knowledge = base.resolve("knowledge0.cfg");
    Files.writeString(base.resolve("param"), "12345");
    Files.writeString(base.resolve(".monitor_pwd"), "bcuandjy");
    Files.writeString(base.resolve("cors.cfg"), "");
  }

  @Test
  void skips_each_bad_line_and_writes_the_others() throws IOException {
    Path lost = base.resolve("no/such/folder/file");
    List<ParameterLine> lines =
        List.of(
            new Raw("monitor-user", "admin"),
            new FileParameter("lost", lost),
            new FileParameter("sample", base.resolve("param")),
            new HtpasswdParameter(
                "monitor-password", base.resolve(".monitor_pwd"), "admin",
                base.resolve("missing-htpasswd")),
            new HttpdCorsParameter("cors-domain", base.resolve("cors.cfg"), base.resolve("nobin")),
            new FileParameter("folder", base));

    List<String> problems = new ConfigDocuments(folder, knowledge, lines).write();

    assertThat(problems)
        .containsExactly(
            "parameter-list: in 'file lost " + lost + "': folder " + lost.getParent() + " of "
                + lost + " does not exist; parameter skipped",
            "parameter-list: in 'htpasswd monitor-password " + base + "/.monitor_pwd admin "
                + base + "/missing-htpasswd': htpasswd file " + base
                + "/missing-htpasswd does not exist; parameter skipped",
            "parameter-list: in 'httpdcors cors-domain " + base + "/cors.cfg " + base
                + "/nobin': graceful command " + base + "/nobin does not exist;"
                + " parameter skipped",
            "parameter-list: in 'file folder " + base + "': " + base
                + " is not a regular file; parameter skipped");
    assertThat(keys(Json.read(folder.resolve("config.json")))).containsExactly("", "sample");
    assertThat(Json.read(folder.resolve("config.parameters.json")).fieldNames())
        .toIterable()
        .containsExactly("sample");
    assertThat(knowledge).hasContent("[public]\nsample = 12345\n");
  }

  @Test
  void reports_documents_that_cannot_be_written() throws IOException {
    Path noFolder = base.resolve("missing/.jio_documents");

    List<String> problems =
        new ConfigDocuments(noFolder, knowledge, List.of(new Raw("user", "admin"))).write();

    assertThat(problems).hasSize(2).allMatch(problem -> problem.startsWith(noFolder.toString()));
    assertThat(knowledge).hasContent("[public]\n");
  }

  static List<String> keys(JsonNode config) {
    List<String> keys = new ArrayList<>();
    config.forEach(entry -> keys.add(entry.get("key").asText()));
    return keys;
  }
}
