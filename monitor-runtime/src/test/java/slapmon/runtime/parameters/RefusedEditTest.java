package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refused edit leaves every file of the partition exactly as it was (bytes, mode,
 * modification time, inode), says why for the refused key, and "not applied: another key was
 * refused" for each valid one; the upload is consumed all the same (SPEC D.27).
 */
@Timeout(120)
final class RefusedEditTest {
  @TempDir Path base;
  EditFixture fixture;
  Map<String, List<Object>> before;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new EditFixture(base, true);
    fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of("example.org")));
    before = fixture.snapshot();
  }

  /** Uploads the C.3 list with one entry replaced or added, and checks nothing was written. */
  private JsonNode refusedWith(String badEntry, String badName) throws Exception {
    String entries = EditFixture.entries("new-password", "new content", Optional.of("example.org"));
    String upload = entries.substring(0, entries.length() - 1) + ", " + badEntry + "]";
    JsonNode result = fixture.upload(upload);
    assertThat(result.get("status").asText()).isEqualTo("refused");
    assertThat(result.get("reason").asText()).endsWith("refused; nothing was written");
    assertThat(result.at("/results/" + badName + "/outcome").asText()).isEqualTo("refused");
    for (String valid : List.of("httpd-password", "from-file")) {
      assertThat(result.at("/results/" + valid + "/outcome").asText()).isEqualTo("not-applied");
      assertThat(result.at("/results/" + valid + "/reason").asText())
          .isEqualTo("not applied: another key was refused");
    }
    assertThat(result.at("/results/cors-domain/outcome").asText()).isEqualTo("unchanged");
    assertThat(fixture.snapshot()).isEqualTo(before);
    return result.at("/results/" + badName + "/reason");
  }

  @Test
  void an_unknown_key_is_refused() throws Exception {
    JsonNode reason = refusedWith(EditFixture.entry("ssh-key", "ssh-key", "x"), "ssh-key");
    assertThat(reason.asText())
        .isEqualTo(
            "unknown key: not an editable parameter of this monitor (editable: httpd-password,"
                + " from-file, cors-domain, promise-timeout)");
  }

  @Test
  void a_changed_raw_value_is_refused() throws Exception {
    // Replaces the raw entry: the upload lists it once, with another value.
    String upload =
        EditFixture.entries("new-password", "new content", Optional.of("example.org"))
            .replace("\"raw content\"", "\"edited raw\"");
    JsonNode result = fixture.upload(upload);
    assertThat(result.at("/results/raw-value/outcome").asText()).isEqualTo("refused");
    assertThat(result.at("/results/raw-value/reason").asText())
        .isEqualTo("a fixed (raw) value: it cannot be edited");
    assertThat(result.at("/results/httpd-password/outcome").asText()).isEqualTo("not-applied");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void a_raw_entry_of_an_unknown_title_is_refused() throws Exception {
    JsonNode reason = refusedWith(EditFixture.entry("", "made-up", "x"), "made-up");
    assertThat(reason.asText()).startsWith("no fixed (raw) value has this title");
  }

  @Test
  void a_bad_domain_is_refused_naming_it() throws Exception {
    String upload =
        EditFixture.entries("new-password", "new content", Optional.of("example.org bad_host.com"));
    JsonNode result = fixture.upload(upload);
    assertThat(result.at("/results/cors-domain/reason").asText())
        .isEqualTo(
            "the domain list 'bad_host.com' is not a host name: label 'bad_host' must be 1 to 63"
                + " letters, digits or hyphens, not starting or ending with a hyphen");
    assertThat(result.at("/results/from-file/outcome").asText()).isEqualTo("not-applied");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void other_malformed_domain_lists_are_refused() throws Exception {
    for (String domains :
        List.of("https://example.org", "example..org", "-x.org", "example.org:8080", "a.*.org")) {
      JsonNode result =
          fixture.upload(EditFixture.entries("btouhjng", "wjkqelod", Optional.of(domains)));
      assertThat(result.at("/results/cors-domain/outcome").asText()).as(domains).isEqualTo("refused");
    }
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void a_timeout_that_is_not_whole_seconds_is_refused() throws Exception {
    JsonNode reason =
        refusedWith(EditFixture.entry("promise-timeout", "promise-timeout", "abc"), "promise-timeout");
    assertThat(reason.asText()).isEqualTo("expected whole seconds from 1 to 3600 such as 20 or 20s, got 'abc'");
    for (String value : List.of("0", "3601", "-5", "1.5", "")) {
      JsonNode result =
          fixture.upload(
              "[" + EditFixture.entry("promise-timeout", "promise-timeout", value) + "]");
      assertThat(result.at("/results/promise-timeout/outcome").asText()).as(value).isEqualTo("refused");
    }
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void a_password_with_a_newline_is_refused_without_repeating_it() throws Exception {
    JsonNode result =
        fixture.upload(EditFixture.entries("secret\ninjected:line", "x", Optional.of("example.org")));
    assertThat(result.at("/results/httpd-password/reason").asText())
        .isEqualTo("the password contains a line break; it must be one line");
    assertThat(result.toString()).doesNotContain("secret").doesNotContain("injected");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void other_unusable_passwords_are_refused() throws Exception {
    for (String password : List.of("", " padded", "tab\there", "nul\0x", "x".repeat(73))) {
      JsonNode result =
          fixture.upload(EditFixture.entries(password, "wjkqelod", Optional.of("example.org")));
      assertThat(result.at("/results/httpd-password/outcome").asText())
          .as("'%s'", password)
          .isEqualTo("refused");
    }
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void a_nul_in_a_file_value_is_refused() throws Exception {
    JsonNode result =
        fixture.upload(EditFixture.entries("btouhjng", "a\0b", Optional.of("example.org")));
    assertThat(result.at("/results/from-file/reason").asText())
        .isEqualTo("contains a NUL character; a file value is text");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void an_oversized_file_value_is_refused() throws Exception {
    String big = "x".repeat(ValueRules.MAX_FILE_BYTES + 1);
    JsonNode result = fixture.upload(EditFixture.entries("btouhjng", big, Optional.of("example.org")));
    assertThat(result.at("/results/from-file/reason").asText())
        .isEqualTo("is 65537 bytes long, at most 65536 allowed");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void malformed_uploads_are_refused_as_a_whole() throws Exception {
    Map<String, String> uploads =
        Map.of(
            "[{\"key\": \"from-file\", \"value\": \"x\"",
            "the upload is not valid JSON: ",
            "{\"from-file\": \"x\"}",
            "expected a JSON array of {key, title, value} entries, found a JSON object",
            "[{\"key\": \"from-file\", \"value\": 5}]",
            "entry 1: 'value' must be a string, found a JSON number",
            "[{\"key\": \"from-file\"}]",
            "entry 1: 'value' is missing",
            "[\"from-file\"]",
            "entry 1: expected an object {key, title, value}",
            "[{\"key\": \"from-file\", \"value\": \"a\"}, {\"key\": \"from-file\", \"value\": \"b\"}]",
            "entry 2: 'from-file' is listed twice (entries 1 and 2)",
            "[] trailing",
            "the upload is not valid JSON: ",
            "",
            "the upload is empty; expected a JSON array");
    for (Map.Entry<String, String> upload : uploads.entrySet()) {
      JsonNode result = fixture.upload(upload.getKey());
      assertThat(result.get("status").asText()).as(upload.getKey()).isEqualTo("refused");
      assertThat(result.get("reason").asText()).as(upload.getKey()).startsWith(upload.getValue());
      assertThat(result.get("results").size()).isZero();
    }
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void an_upload_over_one_mebibyte_is_refused_unread() throws Exception {
    byte[] big = new byte[Upload.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    Files.write(fixture.folder.resolve(UploadWatcher.UPLOAD), big);

    assertThat(fixture.watcher.look()).as("too large: refused at the first look").hasSize(1);

    JsonNode result = slapmon.runtime.json.Json.read(fixture.folder.resolve(UploadWatcher.RESULT));
    assertThat(result.get("reason").asText())
        .isEqualTo("the upload is 1048577 bytes long, at most 1048576 allowed");
    assertThat(fixture.folder.resolve(UploadWatcher.UPLOAD)).doesNotExist();
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void a_half_written_upload_waits_until_it_is_complete() throws Exception {
    Path upload = fixture.folder.resolve(UploadWatcher.UPLOAD);
    String whole = "[" + EditFixture.entry("from-file", "from-file", "complete") + "]";
    Files.writeString(upload, whole.substring(0, 10), StandardCharsets.UTF_8);
    for (int look = 1; look < UploadWatcher.QUIET_LOOKS_BEFORE_REFUSING; look++) {
      assertThat(fixture.watcher.look()).as("look %d", look).isEmpty();
    }
    Files.writeString(upload, whole, StandardCharsets.UTF_8);
    assertThat(fixture.watcher.look()).as("changed: look again").isEmpty();

    assertThat(fixture.watcher.look()).hasSize(1);

    assertThat(Files.readString(fixture.content)).isEqualTo("complete");
  }

  @Test
  void an_upload_that_never_becomes_json_is_refused_after_a_quiet_while() throws Exception {
    Path upload = fixture.folder.resolve(UploadWatcher.UPLOAD);
    Files.writeString(upload, "[{\"key\": ", StandardCharsets.UTF_8);
    for (int look = 1; look <= UploadWatcher.QUIET_LOOKS_BEFORE_REFUSING; look++) {
      assertThat(fixture.watcher.look()).as("look %d", look).isEmpty();
    }

    assertThat(fixture.watcher.look()).hasSize(1);

    assertThat(upload).doesNotExist();
    assertThat(fixture.snapshot()).isEqualTo(before);
  }
}
