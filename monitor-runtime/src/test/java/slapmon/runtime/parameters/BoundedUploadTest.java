package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads built to cost the monitor (issue 15, finding 8): nested deeper than any parameter array,
 * or with thousands of keys. Each is refused with a reason in config.result.json, changes no file,
 * and every line the editor logs about it stays short.
 */
@Timeout(120)
final class BoundedUploadTest {
  private static final int LONGEST_LINE = 2048;

  @TempDir Path base;
  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (logged) {
            logged.add(record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger logger = Logger.getLogger("slapmon.parameters");

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
  }

  @Test
  void an_upload_nested_thousands_deep_is_refused_with_a_reason() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    Map<String, List<Object>> before = fixture.snapshot();
    String nested = "[".repeat(5000) + "]".repeat(5000);

    JsonNode result = fixture.upload(nested);

    assertThat(result.path("status").asText()).isEqualTo("refused");
    assertThat(result.path("reason").asText()).contains("nested deeper than");
    assertThat(fixture.snapshot()).isEqualTo(before);
  }

  @Test
  void an_upload_of_twenty_thousand_keys_is_refused_and_logged_in_a_short_line() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    Map<String, List<Object>> before = fixture.snapshot();
    StringBuilder upload = new StringBuilder("[");
    for (int i = 0; i < 20_000; i++) {
      upload.append(i == 0 ? "" : ",").append(EditFixture.entry("key-" + i, "key-" + i, "v"));
    }

    JsonNode result = fixture.upload(upload.append("]").toString());

    assertThat(result.path("status").asText()).isEqualTo("refused");
    assertThat(result.path("reason").asText()).contains("20000 entries", "at most");
    assertThat(fixture.snapshot()).isEqualTo(before);
    assertThat(logged).anyMatch(line -> line.startsWith("event=config-edit status=refused"));
  }

  @Test
  void keys_with_long_names_are_logged_in_a_short_line() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    StringBuilder upload = new StringBuilder("[");
    for (int i = 0; i < Upload.MAX_ENTRIES; i++) {
      String key = i + "-" + "k".repeat(Upload.MAX_NAME_CHARS - 10) + "\n";
      upload.append(i == 0 ? "" : ",").append(EditFixture.entry(key, key, "v"));
    }

    JsonNode result = fixture.upload(upload.append("]").toString());

    assertThat(result.path("status").asText()).isEqualTo("refused");
    synchronized (logged) {
      assertThat(logged).anyMatch(line -> line.startsWith("event=config-edit status=refused"));
      assertThat(logged).allMatch(line -> line.length() <= LONGEST_LINE, "each line is short");
    }
  }
}
