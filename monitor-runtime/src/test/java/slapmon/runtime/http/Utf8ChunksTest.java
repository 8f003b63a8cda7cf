package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class Utf8ChunksTest {
  @Test
  void the_bytes_are_the_whole_texts_utf8_whatever_falls_on_a_chunk_boundary() throws Exception {
    Random random = new Random(19);
    String[] pieces = {"a", "<td>", "\u00e9", "\u65e5\u672c", "\ud83d\ude00", "x\ud83d", "\ude00y",
        "&amp;", " "};
    for (int chunk : new int[] {1, 2, 3, 7, 64}) {
      StringBuilder whole = new StringBuilder();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Utf8Chunks out = new Utf8Chunks(bytes, chunk)) {
        for (int i = 0; i < 2_000; i++) {
          String piece = pieces[random.nextInt(pieces.length)];
          whole.append(piece);
          if (random.nextBoolean()) {
            out.write(piece);
          } else {
            out.write(piece.toCharArray(), 0, piece.length());
          }
        }
      }
      assertThat(bytes.toByteArray()).as("chunk " + chunk)
          .isEqualTo(whole.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void a_listed_time_is_what_the_pattern_formatter_writes() {
    DateTimeFormatter shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    Random random = new Random(19);
    long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant t = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)),
          random.nextInt(1_000_000_000));
      assertThat(FolderListing.time(new StringBuilder(), t).toString()).as(t.toString())
          .isEqualTo(shown.format(t));
    }
  }
}
