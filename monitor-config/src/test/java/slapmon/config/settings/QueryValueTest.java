package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code monitor-setup-url}'s values are encoded exactly as Python's {@code
 * urllib.parse.quote(value, safe=":/@[]")} encodes them, which the SlapOS side uses; Debian's
 * Python is the oracle.
 */
final class QueryValueTest {
  private static final List<String> VALUES =
      List.of(
          "bcuandjy",
          "https://[2001:db8::2]:8196/public/feeds",
          "p&ss #%+ wörd",
          "a=b?c;d,e'f\"g`h$i\\j",
          "~-._ AZaz09",
          "ünïcödé ⚙ 日本",
          "tab\there",
          "%41%");

  @Test
  void encoding_matches_python_quote() throws Exception {
    String script =
        "import sys, urllib.parse\n"
            + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
            + "    print(urllib.parse.quote(line, safe=':/@[]'))\n";
    String input = String.join("\n", VALUES) + "\n";
    List<String> python = run(List.of("/usr/bin/python3", "-c", script), input).lines().toList();

    assertThat(VALUES.stream().map(QueryValue::encode).toList()).isEqualTo(python);
  }

  private static String run(List<String> command, String stdin)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
