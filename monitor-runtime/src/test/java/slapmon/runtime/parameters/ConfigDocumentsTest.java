package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

/** The config documents of the original's fixture (SPEC §A.5.7, §C), in their exact shapes. */
final class ConfigDocumentsTest {
  @TempDir Path base;
  Path folder;
  Path knowledge;

  @BeforeEach
  void setUp() throws IOException {
    folder = Files.createDirectories(base.resolve("private/config/.jio_documents"));
    knowledge = base.resolve("knowledge0.cfg");
    Files.writeString(base.resolve("param"), "12345");
    Files.writeString(base.resolve(".monitor_pwd"), "bcuandjy");
    Files.writeString(base.resolve("test-httpd-cors.cfg"), "");
    Files.writeString(base.resolve("monitor-htpasswd"), "12345");
  }

  List<ParameterLine> fixture() {
    return List.of(
        new Raw("monitor-user", "admin"),
        new FileParameter("sample", base.resolve("param")),
        new HtpasswdParameter(
            "monitor-password", base.resolve(".monitor_pwd"), "admin",
            base.resolve("monitor-htpasswd")),
        new HttpdCorsParameter(
            "cors-domain", base.resolve("test-httpd-cors.cfg"), Path.of("/bin/echo")));
  }

  List<String> write(List<ParameterLine> parameters) {
    return new ConfigDocuments(folder, knowledge, parameters).write();
  }

  @Test
  void writes_config_json_as_the_original_for_the_fixture() throws IOException {
    assertThat(write(fixture())).isEmpty();

    assertThat(Json.read(folder.resolve("config.json")))
        .isEqualTo(
            json(
                "[{'key': '', 'title': 'monitor-user', 'value': 'admin'},"
                    + " {'key': 'sample', 'title': 'sample', 'value': '12345'},"
                    + " {'key': 'monitor-password', 'title': 'monitor-password',"
                    + " 'value': 'bcuandjy'},"
                    + " {'key': 'cors-domain', 'title': 'cors-domain', 'value': ''}]"));
    assertThat(Files.readString(folder.resolve("config.json")))
        .startsWith("[{\"key\":\"\",\"title\":\"monitor-user\",\"value\":\"admin\"}");
  }

  @Test
  void writes_config_parameters_json_with_the_legacy_gracefull_bin_key() throws IOException {
    write(fixture());

    String b = base.toString();
    assertThat(Json.read(folder.resolve("config.parameters.json")))
        .isEqualTo(
            json(
                "{'sample': {'type': 'file', 'file': '" + b + "/param'},"
                    + " 'monitor-password': {'type': 'htpasswd', 'file': '" + b
                    + "/.monitor_pwd', 'user': 'admin', 'htpasswd': '" + b
                    + "/monitor-htpasswd'},"
                    + " 'cors-domain': {'type': 'httpdcors', 'cors_file': '" + b
                    + "/test-httpd-cors.cfg', 'gracefull_bin': '/bin/echo'}}"));
  }

  @Test
  void writes_the_knowledge0_cfg_for_the_fixture() throws IOException {
    write(fixture());

    assertThat(knowledge)
        .hasContent(
            "[public]\nsample = 12345\nmonitor-password = bcuandjy\ncors-domain =\n");
  }

  @Test
  void creates_the_empty_prev_cors_file_and_shows_its_content() throws IOException {
    Path previous = base.resolve("prev_test-httpd-cors.cfg");
    write(fixture());
    assertThat(previous).isRegularFile().isEmptyFile();

    Files.writeString(previous, "example.com");
    write(fixture());
    assertThat(value("cors-domain")).isEqualTo("example.com");
  }

  @Test
  void a_missing_file_shows_an_empty_value_and_is_not_created() throws IOException {
    Path timeout = base.resolve("promise_timeout");

    assertThat(write(List.of(new FileParameter("promise-timeout", timeout)))).isEmpty();

    assertThat(value("promise-timeout")).isEmpty();
    assertThat(timeout).doesNotExist();
  }

  @Test
  void keeps_file_content_verbatim_in_config_json() throws IOException {
    Files.writeString(base.resolve("param"), "12345\n");

    write(fixture());

    assertThat(value("sample")).isEqualTo("12345\n");
  }

  @Test
  void writes_the_documents_owner_only_when_they_hold_the_password() throws IOException {
    write(fixture());

    assertThat(mode(folder.resolve("config.json"))).isEqualTo("rw-------");
    assertThat(mode(knowledge)).isEqualTo("rw-------");
    assertThat(mode(folder.resolve("config.parameters.json"))).isEqualTo("rw-r--r--");
  }

  @Test
  void is_idempotent() throws IOException {
    write(fixture());
    String config = Files.readString(folder.resolve("config.json"));
    String cfg = Files.readString(knowledge);

    assertThat(write(fixture())).isEmpty();

    assertThat(folder.resolve("config.json")).hasContent(config);
    assertThat(knowledge).hasContent(cfg);
  }

  String value(String key) throws IOException {
    for (JsonNode entry : Json.read(folder.resolve("config.json"))) {
      if (entry.get("key").asText().equals(key)) {
        return entry.get("value").asText();
      }
    }
    throw new AssertionError("no entry " + key);
  }

  static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  static JsonNode json(String singleQuoted) throws IOException {
    return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
  }
}
