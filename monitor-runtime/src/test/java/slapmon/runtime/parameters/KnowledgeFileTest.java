package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.ConfigException;
import slapmon.config.Value;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.FileParameter;
import slapmon.runtime.json.Json;

/** The knowledge0 cfg stays valid INI whatever the files hold (SPEC D.28), read back by ours. */
final class KnowledgeFileTest {
  @TempDir Path base;

  @Test
  void reads_back_every_value_as_an_ini_reader_of_the_original_would() throws Exception {
    Map<String, String> contents = new LinkedHashMap<>();
    contents.put("plain", "12345");
    contents.put("trailing-newline", "20\n");
    contents.put("multi-line", "line one\nline two\n");
    contents.put("blank-and-indented", "first\n\n  indented\nlast\n\n");
    contents.put("spaces", "  value with trailing spaces   \r\nsecond\t\n");
    contents.put("empty", "");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("plain", "12345");
    expected.put("trailing-newline", "20");
    expected.put("multi-line", "line one\nline two");
    expected.put("blank-and-indented", "first\n\n  indented\nlast");
    expected.put("spaces", "value with trailing spaces\nsecond");
    expected.put("empty", "");

    Map<String, String> readBack = writeAndRead(contents);

    assertThat(readBack).containsExactlyEntriesOf(expected);
  }

  @Test
  void leaves_out_a_key_ini_cannot_hold_and_keeps_it_in_config_json() throws Exception {
    Path param = Files.writeString(base.resolve("param"), "12345");
    Path folder = Files.createDirectories(base.resolve("config"));
    Path knowledge = base.resolve("knowledge0.cfg");
    List<ParameterLine> lines =
        List.of(new FileParameter("a=b", param), new FileParameter("sample", param));

    List<String> problems = new ConfigDocuments(folder, knowledge, lines).write();

    assertThat(problems).singleElement().asString()
        .startsWith("knowledge0 cfg: [public] cannot write option name 'a=b'")
        .endsWith("; left out");
    assertThat(knowledge).hasContent("[public]\nsample = 12345\n");
    assertThat(BadParameterTest.keys(Json.read(folder.resolve("config.json"))))
        .containsExactly("a=b", "sample");
  }

  private Map<String, String> writeAndRead(Map<String, String> contents)
      throws IOException, ConfigException {
    Path folder = Files.createDirectories(base.resolve("config"));
    Path knowledge = base.resolve("knowledge0.cfg");
    List<ParameterLine> lines = new ArrayList<>();
    for (Map.Entry<String, String> content : contents.entrySet()) {
      Path file = Files.writeString(base.resolve(content.getKey()), content.getValue());
      lines.add(new FileParameter(content.getKey(), file));
    }
    assertThat(new ConfigDocuments(folder, knowledge, lines).write()).isEmpty();
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Value> options = IniDocument.read(knowledge).section("public");
    options.forEach((key, value) -> values.put(key, value.text()));
    return values;
  }
}
