package slapmon.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link ShellQuote} quotes, the real {@code /bin/sh} reads back as one unchanged word. */
final class ShellQuoteTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/srv/slapgrid/slappart7",
        "/srv/slap grid/part'7 \"$HOME\" é",
        "$(id) `id` ${HOME} \\n \\ *.cfg ~ ; & | < > ( ) # !",
        "'",
        "''",
        "line\nbreak",
        ""
      })
  void sh_reads_the_word_back(String text) throws Exception {
    Process sh =
        new ProcessBuilder(List.of("/bin/sh", "-c", "printf '%s|' " + ShellQuote.quote(text)))
            .redirectErrorStream(true)
            .start();
    String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(out).isEqualTo(text + "|");
  }
}
