package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import slapmon.runtime.json.Json;

/**
 * SPEC §C.3 ported: the default, "parts" and "edit values" scenarios of the original's
 * write-back tests, on our contract (bcrypt written by slapmon and checked by Apache's
 * {@code htpasswd -v}, the real CORS include, unchanged values reported and left alone).
 */
@Timeout(120)
final class ConfigWriteTest {
  @TempDir Path base;

  @Test
  void default_edit_writes_the_file_the_password_and_the_knowledge_file() throws Exception {
    EditFixture fixture = new EditFixture(base, true);

    JsonNode result =
        fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("")));

    assertThat(result.get("status").asText()).isEqualTo("applied");
    assertThat(result.has("reason")).isFalse();
    assertThat(result.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
    assertThat(outcomes(result))
        .isEqualTo(
            json("{'raw-content2': 'unchanged', 'httpd-password': 'applied',"
                + " 'from-file': 'applied', 'cors-domain': 'unchanged', 'raw-value': 'unchanged'}"));
    assertThat(result.at("/results/httpd-password").size()).isEqualTo(1); // outcome only
    assertThat(Files.readString(fixture.content)).isEqualTo("wjkqelod");
    assertThat(Files.readString(fixture.passwordFile)).isEqualTo("btouhjng");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.passwordFile)))
        .isEqualTo("rw-------");
    assertThat(ApacheHtpasswd.verifies(fixture.htpasswd, "admin", "btouhjng")).isTrue();
    assertThat(ApacheHtpasswd.verifies(fixture.htpasswd, "admin", "btouhjnx")).isFalse();
    assertThat(ApacheHtpasswd.hashOf(fixture.htpasswd, "admin")).startsWith("$2y$10$");
    assertThat(ApacheHtpasswd.verifies(
            fixture.htpasswd, EditFixture.OTHER_USER, EditFixture.OTHER_PASSWORD))
        .as("the other user's line is kept")
        .isTrue();
    assertThat(Files.readString(fixture.corsFile)).isEmpty();
    assertThat(fixture.gracefulCalls()).isZero();
    assertThat(Files.readString(fixture.knowledge))
        .isEqualTo(
            "[public]\nhttpd-password = btouhjng\nfrom-file = wjkqelod\ncors-domain =\n"
                + "promise-timeout = 20\n");
    assertThat(Json.read(fixture.folder.resolve("config.json")).findValuesAsText("value"))
        .containsExactly("raw content2", "btouhjng", "wjkqelod", "", "raw content", "20\n");
  }

  @Test
  void parts_edit_without_a_cors_parameter_writes_the_others() throws Exception {
    EditFixture fixture = new EditFixture(base, false);

    JsonNode result = fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.empty()));

    assertThat(outcomes(result))
        .isEqualTo(
            json("{'raw-content2': 'unchanged', 'httpd-password': 'applied',"
                + " 'from-file': 'applied', 'raw-value': 'unchanged'}"));
    assertThat(Files.readString(fixture.content)).isEqualTo("wjkqelod");
    assertThat(ApacheHtpasswd.verifies(fixture.htpasswd, "admin", "btouhjng")).isTrue();
    assertThat(Files.readString(fixture.knowledge))
        .isEqualTo(
            "[public]\nhttpd-password = btouhjng\nfrom-file = wjkqelod\npromise-timeout = 20\n");
  }

  @Test
  void edit_values_then_edit_again_with_the_cors_value_kept() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("")));

    JsonNode changed =
        fixture.upload(
            EditFixture.entries("changed.value", "changed.value", Optional.of("changed.value")));

    assertThat(outcomes(changed))
        .isEqualTo(
            json("{'raw-content2': 'unchanged', 'httpd-password': 'applied',"
                + " 'from-file': 'applied', 'cors-domain': 'applied', 'raw-value': 'unchanged'}"));
    assertThat(Files.readString(fixture.corsFile)).isEqualTo(expectedInclude("changed.value"));
    assertThat(Files.readString(fixture.savedCors)).isEqualTo("changed.value");
    assertThat(fixture.gracefulCalls()).isEqualTo(1);
    assertThat(fixture.edits.corsDomains()).containsExactly("changed.value");
    assertThat(ApacheHtpasswd.verifies(fixture.htpasswd, "admin", "changed.value")).isTrue();
    assertThat(ApacheHtpasswd.verifies(fixture.htpasswd, "admin", "btouhjng")).isFalse();

    String twoWords = "changed.value new.domain.com";
    JsonNode again =
        fixture.upload(EditFixture.entries(twoWords, twoWords, Optional.of("changed.value")));

    assertThat(outcomes(again))
        .isEqualTo(
            json("{'raw-content2': 'unchanged', 'httpd-password': 'applied',"
                + " 'from-file': 'applied', 'cors-domain': 'unchanged', 'raw-value': 'unchanged'}"));
    assertThat(Files.readString(fixture.corsFile)).isEqualTo(expectedInclude("changed.value"));
    assertThat(fixture.gracefulCalls()).as("no graceful call for an unchanged value").isEqualTo(1);
    assertThat(ApacheHtpasswd.verifies(fixture.htpasswd, "admin", twoWords)).isTrue();
    assertThat(Files.readString(fixture.passwordFile)).isEqualTo(twoWords);
    assertThat(Files.readString(fixture.content)).isEqualTo(twoWords);
    assertThat(Files.readString(fixture.knowledge))
        .isEqualTo(
            "[public]\nhttpd-password = " + twoWords + "\nfrom-file = " + twoWords
                + "\ncors-domain = changed.value\npromise-timeout = 20\n");
  }

  @Test
  void the_cors_include_escapes_each_domain_as_pythons_re_escape_and_joins_them() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    String domains = "monitor.app.officejs.com  my-app.example.org\tlocalhost";

    JsonNode result =
        fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of(domains)));

    assertThat(result.at("/results/cors-domain/outcome").asText()).isEqualTo("applied");
    assertThat(Files.readString(fixture.corsFile)).isEqualTo(expectedInclude(domains));
    assertThat(Files.readString(fixture.savedCors)).isEqualTo(domains);
    assertThat(fixture.edits.corsDomains())
        .containsExactly("monitor.app.officejs.com", "my-app.example.org", "localhost");
  }

  @Test
  void an_emptied_cors_value_empties_the_include_and_gives_the_domains_back_to_monitor_conf()
      throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("example.org")));

    JsonNode result = fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("")));

    assertThat(result.at("/results/cors-domain/outcome").asText()).isEqualTo("applied");
    assertThat(Files.readString(fixture.corsFile)).isEmpty();
    assertThat(Files.readString(fixture.savedCors)).isEmpty();
    assertThat(fixture.edits.corsDomains()).isEmpty();
    assertThat(fixture.gracefulCalls()).isEqualTo(2);
  }

  @Test
  void a_failing_graceful_program_is_a_warning_and_the_domains_still_apply() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    Files.writeString(fixture.graceful, "#!/bin/sh\necho 'apache is not running' >&2\nexit 7\n");

    JsonNode result =
        fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("example.org")));

    assertThat(result.get("status").asText()).isEqualTo("applied");
    assertThat(result.at("/results/cors-domain/outcome").asText()).isEqualTo("applied");
    assertThat(result.at("/results/cors-domain/warning").asText())
        .isEqualTo("graceful program " + fixture.graceful
            + " exited with 7: apache is not running");
    assertThat(fixture.edits.corsDomains()).containsExactly("example.org");
  }

  @Test
  void a_valid_promise_timeout_is_written_stripped() throws Exception {
    EditFixture fixture = new EditFixture(base, true);

    JsonNode result =
        fixture.upload("[" + EditFixture.entry("promise-timeout", "promise-timeout", " 45\n") + "]");

    assertThat(outcomes(result)).isEqualTo(json("{'promise-timeout': 'applied'}"));
    assertThat(Files.readString(fixture.timeout)).isEqualTo("45");
  }

  @Test
  void an_unchanged_edit_writes_nothing_at_all() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("example.org")));
    var before = fixture.snapshot();

    JsonNode result =
        fixture.upload(EditFixture.entries("btouhjng", "wjkqelod\n", Optional.of("example.org")));

    assertThat(result.get("status").asText()).isEqualTo("applied");
    assertThat(values(outcomes(result))).hasSize(5).containsOnly("unchanged");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  static List<String> values(JsonNode node) {
    List<String> values = new java.util.ArrayList<>();
    node.elements().forEachRemaining(value -> values.add(value.asText()));
    return values;
  }

  /** The five lines of SPEC §A.10.4, with the domain part made by Python's own re.escape. */
  static String expectedInclude(String domains) throws IOException, InterruptedException {
    Process python =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import re, sys; print('|'.join(re.escape(d) for d in sys.stdin.read().split()),"
                    + " end='')")
            .start();
    try (var stdin = python.getOutputStream()) {
      stdin.write(domains.getBytes(StandardCharsets.UTF_8));
    }
    String pattern = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue()).isZero();
    String env = " env=ORIGIN_DOMAIN\n";
    return "SetEnvIf Origin \"^http(s)?://(.+\\.)?(" + pattern + ")$\" ORIGIN_DOMAIN=$0\n"
        + "Header always set Access-Control-Allow-Origin \"%{ORIGIN_DOMAIN}e\"" + env
        + "Header always set Access-Control-Allow-Credentials \"true\"" + env
        + "Header always set Access-Control-Allow-Methods \"PROPFIND, PROPPATCH, COPY, MOVE,"
        + " DELETE, MKCOL, LOCK, UNLOCK, PUT, GETLIB, VERSION-CONTROL, CHECKIN, CHECKOUT,"
        + " UNCHECKOUT, REPORT, UPDATE, CANCELUPLOAD, HEAD, OPTIONS, GET, POST\"" + env
        + "Header always set Access-Control-Allow-Headers \"Overwrite, Destination,"
        + " Content-Type, Depth, User-Agent, X-File-Size, X-Requested-With, If-Modified-Since,"
        + " X-File-Name, Cache-Control, Authorization\"" + env;
  }

  /** {@code {name: outcome}} of a result document. */
  @Test
  void a_password_file_ending_with_a_newline_is_shown_without_it_and_sent_back_unchanged()
      throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("")));
    Files.writeString(fixture.passwordFile, "btouhjng\n"); // as `echo` or slapmon demo write it
    new ConfigDocuments(fixture.folder, fixture.knowledge, fixture.parameters).write();
    byte[] shown = Files.readAllBytes(fixture.folder.resolve("config.json"));
    assertThat(Json.read(fixture.folder.resolve("config.json")).findValuesAsText("value"))
        .contains("btouhjng");

    JsonNode result = fixture.upload(shown);

    assertThat(result.get("status").asText()).isEqualTo("applied");
    assertThat(result.at("/results/httpd-password/outcome").asText()).isEqualTo("unchanged");
    assertThat(Files.readString(fixture.passwordFile)).isEqualTo("btouhjng\n");
  }

  static JsonNode outcomes(JsonNode result) {
    var outcomes = Json.mapper().createObjectNode();
    result.get("results").properties()
        .forEach(e -> outcomes.put(e.getKey(), e.getValue().get("outcome").asText()));
    return outcomes;
  }

  static JsonNode json(String singleQuoted) throws IOException {
    return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
  }
}
