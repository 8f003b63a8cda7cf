package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of broken {@code config.tmp.json} uploads (issue 8, malformed input): the
 * file a client would send, cut, flipped, reshaped and stuffed. Every upload gets a result;
 * whatever is refused leaves every file of the partition as it was; nothing throws.
 */
@Timeout(300)
final class MalformedUploadTest {
  private static final int CASES = 400;
  private static final Set<String> STATUSES = Set.of("applied", "refused", "failed");
  private static final String[] FRAGMENTS = {
    "{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0", "\"key\"", "\"value\"",
    "\"\\u0000\"", "\"\\ud800\"", "{\"key\": \"x\"}", "\"\\n\"", "[[[[", "\"title\": 5"
  };

  @TempDir Path base;

  @Test
  void broken_uploads_are_answered_and_refused_ones_change_nothing() throws Exception {
    EditFixture fixture = new EditFixture(base, true);
    byte[] valid =
        EditFixture.entries("btouhjng", "wjkqelod", Optional.of("example.org"))
            .getBytes(StandardCharsets.UTF_8);
    Random random = new Random(27);
    List<String> problems = new ArrayList<>();
    int refused = 0;
    for (int n = 0; n < CASES; n++) {
      byte[] upload = mutate(valid, random);
      Map<String, List<Object>> before = fixture.snapshot();
      JsonNode result = fixture.upload(upload);
      String status = result.path("status").asText();
      if (!STATUSES.contains(status)) {
        problems.add("case " + n + ": status " + status);
      } else if (status.equals("refused")) {
        refused++;
        if (!fixture.snapshot().equals(before)) {
          problems.add("case " + n + ": refused, yet files changed");
        }
      }
      assertThat(fixture.folder.resolve(UploadWatcher.UPLOAD)).doesNotExist();
    }
    assertThat(problems).isEmpty();
    assertThat(refused).as("most broken uploads are refused").isGreaterThan(CASES / 2);
    assertThat(Files.readString(fixture.passwordFile)).isNotEmpty();
  }

  /** One broken variant of {@code valid}: truncated, bytes flipped, fragments inserted, deleted. */
  private static byte[] mutate(byte[] valid, Random random) {
    byte[] out = valid.clone();
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      switch (random.nextInt(5)) {
        case 0 -> out = Arrays.copyOf(out, random.nextInt(out.length + 1));
        case 1 -> {
          if (out.length > 0) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
          }
        }
        case 2 -> out = insert(out, random, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 3 -> {
          if (out.length > 1) {
            int from = random.nextInt(out.length);
            int to = Math.min(out.length, from + 1 + random.nextInt(20));
            byte[] shorter = new byte[out.length - (to - from)];
            System.arraycopy(out, 0, shorter, 0, from);
            System.arraycopy(out, to, shorter, from, out.length - to);
            out = shorter;
          }
        }
        default -> out = insert(out, random, "{\"key\": \"from-file\", \"title\": \"from-file\","
            + " \"value\": \"" + "x".repeat(random.nextInt(100_000)) + "\"}, ");
      }
    }
    return out;
  }

  private static byte[] insert(byte[] into, Random random, String text) {
    byte[] piece = text.getBytes(StandardCharsets.UTF_8);
    int at = random.nextInt(into.length + 1);
    byte[] out = new byte[into.length + piece.length];
    System.arraycopy(into, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(into, at, out, at + piece.length, into.length - at);
    return out;
  }
}
