package slapmon.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class LogTextTest {
  @Test
  void short_text_is_kept_as_it_is() {
    assertThat(LogText.bounded("event=x key=a:applied")).isEqualTo("event=x key=a:applied");
  }

  @Test
  void long_text_is_cut_and_says_how_much_is_left_out() {
    String bounded = LogText.bounded("k".repeat(300_000));
    assertThat(bounded)
        .startsWith("k".repeat(LogText.MAX_CHARS))
        .endsWith("… (" + (300_000 - LogText.MAX_CHARS) + " more characters)")
        .hasSizeLessThan(LogText.MAX_CHARS + 40);
  }

  @Test
  void line_breaks_cannot_forge_a_line() {
    assertThat(LogText.bounded("a\nevent=forged\r\u0000")).isEqualTo("a\\nevent=forged\\r\\u0000");
  }

  @Test
  void a_character_outside_the_basic_plane_is_never_split() {
    String text = "x".repeat(LogText.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
    assertThat(LogText.bounded(text)).startsWith("x".repeat(LogText.MAX_CHARS - 1) + "… (");
  }

  @Test
  void null_is_written_as_null() {
    assertThat(LogText.bounded(null)).isEqualTo("null");
  }
}
