package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class HeadTailBufferTest {
  @Test
  void output_within_the_cap_is_kept_verbatim() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    append(buffer, "success\n");

    assertThat(buffer.text()).isEqualTo("success\n");
  }

  @Test
  void output_of_exactly_the_cap_has_no_marker_even_across_the_halves() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    String text = "a".repeat(511) + "é" + "b".repeat(511); // é straddles the two halves
    append(buffer, text);

    assertThat(buffer.text()).isEqualTo(text);
  }

  @Test
  void large_output_keeps_head_and_tail_and_counts_what_was_dropped() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    append(buffer, "H".repeat(512) + "x".repeat(10_000) + "T".repeat(512));

    assertThat(buffer.text())
        .isEqualTo("H".repeat(512) + "\n[... 10,000 bytes omitted ...]\n" + "T".repeat(512));
  }

  @Test
  void small_appends_wrapping_the_tail_ring_keep_the_last_bytes_in_order() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      String piece = Integer.toString(i % 7) + (i % 3 == 0 ? "abc" : "");
      all.append(piece);
      append(buffer, piece);
    }
    String expected =
        all.substring(0, 512)
            + HeadTailBuffer.marker(all.length() - 1024)
            + all.substring(all.length() - 512);

    assertThat(buffer.text()).isEqualTo(expected);
  }

  @Test
  void one_chunk_larger_than_the_tail_keeps_its_end() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    append(buffer, "h".repeat(600));
    append(buffer, "m".repeat(5000) + "z".repeat(512));

    assertThat(buffer.text())
        .isEqualTo("h".repeat(512) + HeadTailBuffer.marker(600 - 512 + 5000) + "z".repeat(512));
  }

  @Test
  void characters_cut_by_the_gap_are_dropped_whole_and_counted() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    // 511 bytes, then a 3-byte "€" of which the head keeps 1; the tail starts 1 byte into a "€".
    String head = "a".repeat(511) + "€";
    String middle = "m".repeat(1000);
    String tail = "€" + "z".repeat(510);
    append(buffer, head + middle + tail);
    long total = (head + middle + tail).getBytes(StandardCharsets.UTF_8).length;

    String text = buffer.text();
    assertThat(text).doesNotContain("\uFFFD");
    assertThat(text)
        .isEqualTo("a".repeat(511) + HeadTailBuffer.marker(total - 511 - 510) + "z".repeat(510));
  }

  @Test
  void invalid_utf8_becomes_replacement_characters() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    byte[] bytes = {(byte) 0xFF, (byte) 0xFE, 'o', 'k', '\n'};
    buffer.append(bytes, 0, bytes.length);

    assertThat(buffer.text()).isEqualTo("\uFFFD\uFFFDok\n");
  }

  @Test
  void the_text_can_be_taken_at_any_time_and_later_again() {
    HeadTailBuffer buffer = new HeadTailBuffer(1024);
    append(buffer, "first ");
    assertThat(buffer.text()).isEqualTo("first ");
    byte[] many = new byte[2000];
    Arrays.fill(many, (byte) 'q');
    buffer.append(many, 0, many.length);

    assertThat(buffer.text())
        .startsWith("first q")
        .endsWith("q".repeat(512))
        .contains("\n[... 982 bytes omitted ...]\n");
  }

  private static void append(HeadTailBuffer buffer, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    buffer.append(bytes, 0, bytes.length);
  }
}
