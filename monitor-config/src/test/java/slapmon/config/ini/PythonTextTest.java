package slapmon.config.ini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Python text rules zc.buildout relies on, checked on the cases where Java differs. */
final class PythonTextTest {
  @Test
  void strip_removes_python_white_space_that_java_strip_keeps() {
    String value = "\u00a0\u2007\u202f\u0085 value \u001c\u3000";
    assertThat(value.strip()).isNotEqualTo("value");
    assertThat(PythonText.strip(value)).isEqualTo("value");
  }

  @Test
  void lines_split_at_crlf_cr_and_lf_only() {
    assertThat(PythonText.lines("a\r\nb\rc\nd\u2028e\u000bf\n"))
        .containsExactly("a", "b", "c", "d\u2028e\u000bf");
    assertThat(PythonText.lines("a\n\n")).containsExactly("a", "");
  }

  @Test
  void dedent_removes_only_the_common_margin_of_spaces_and_tabs() {
    assertThat(PythonText.dedent("    a\n      b\n\n    c")).isEqualTo("a\n  b\n\nc");
    assertThat(PythonText.dedent("  a\n\tb")).isEqualTo("  a\n\tb");
    assertThat(PythonText.dedent("  a\n   \n  b")).isEqualTo("a\n\nb");
  }

  @Test
  void leading_blank_lines_go_up_to_the_last_newline() {
    assertThat(PythonText.removeLeadingBlankLines("\n \n  x\n")).isEqualTo("  x\n");
  }

  @Test
  void split_words_never_gives_empty_tokens() {
    assertThat(PythonText.splitWords("  raw\t key   value \u00a0")).containsExactly("raw", "key", "value");
  }
}
