package slapmon.config.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.Value;

/** What {@link IniWriter} writes, {@link IniDocument} and zc.buildout's own parser read back. */
final class IniWriterTest {
  @TempDir Path dir;

  private static Map<String, Map<String, String>> sample() {
    Map<String, String> monitor = new LinkedHashMap<>();
    monitor.put("title", "Webrunner-0 é");
    monitor.put("empty", "");
    monitor.put("base-url", "https://[2001:db8::1]:8196/path?q=a=b&p=%20%(x)s");
    monitor.put("monitor-url-list", "https://[2001:db8::2]:8196\nhttps://[2001:db8::3]:8196");
    monitor.put("parameter-list", "raw monitor-user admin\nfile promise-timeout /p/etc/promise_timeout");
    monitor.put("script", "if true; then\n  echo 'indented'\n\n  # not a comment\nfi");
    monitor.put("comment-like", "# a value\n;another");
    monitor.put("dotted.key", "a;b ; c # d");
    Map<String, String> publicSection = new LinkedHashMap<>();
    publicSection.put("sample", "12345");
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    sections.put("monitor", monitor);
    sections.put("public", publicSection);
    return sections;
  }

  @Test
  void written_values_read_back_identically() throws Exception {
    Map<String, Map<String, String>> sections = sample();
    IniDocument read = IniDocument.parse(dir.resolve("x.cfg"), IniWriter.write(sections));
    for (String section : sections.keySet()) {
      Map<String, String> texts = new LinkedHashMap<>();
      read.section(section).forEach((k, v) -> texts.put(k, v.text()));
      assertThat(texts).containsExactlyEntriesOf(sections.get(section));
    }
  }

  @Test
  void uses_two_space_continuation_lines() {
    Map<String, Map<String, String>> sections =
        Map.of("monitor", Map.of("monitor-url-list", "https://a\nhttps://b"));
    assertThat(IniWriter.write(sections))
        .isEqualTo("[monitor]\nmonitor-url-list = https://a\n  https://b\n");
  }

  @Test
  @Timeout(30)
  void zc_buildout_reads_what_we_write() throws Exception {
    Path file = dir.resolve("written.cfg");
    Files.writeString(file, IniWriter.write(sample()), StandardCharsets.UTF_8);
    Process python =
        new ProcessBuilder(
                "/usr/bin/python3",
                "-c",
                "import json,sys\n"
                    + "import zc.buildout.configparser as c\n"
                    + "print(json.dumps(c.parse(open(sys.argv[1], encoding='utf-8'), sys.argv[1])))",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(python.exitValue())
        .as("zc.buildout must be installed (apt-get install python3-zc.buildout): %s", output)
        .isZero();
    // Compare through our own reader of JSON-free form: re-encode our expectation the same way.
    Map<String, Map<String, String>> expected = sample();
    for (Map.Entry<String, Map<String, String>> section : expected.entrySet()) {
      for (Map.Entry<String, String> option : section.getValue().entrySet()) {
        assertThat(output).contains(jsonString(option.getKey()) + ": " + jsonString(option.getValue()));
      }
    }
  }

  @Test
  void refuses_values_no_reader_could_give_back() {
    assertThatThrownBy(() -> IniWriter.write(Map.of("s", Map.of("k", " leading"))))
        .hasMessage("[s] k: cannot write the value, it starts with white space, which an INI reader would drop");
    assertThatThrownBy(() -> IniWriter.write(Map.of("s", Map.of("k", "a \nb"))))
        .hasMessage("[s] k: cannot write the value, a line ends with white space, which an INI reader would drop");
    assertThatThrownBy(() -> IniWriter.write(Map.of("s", Map.of("bad key", "v"))))
        .hasMessageStartingWith("[s] cannot write option name 'bad key'");
    assertThatThrownBy(() -> IniWriter.write(Map.of("s", Map.of("k+", "v"))))
        .hasMessageStartingWith("[s] cannot write option name 'k+'");
    assertThatThrownBy(() -> IniWriter.write(Map.of("a b", Map.of())))
        .hasMessageStartingWith("cannot write section name 'a b'");
  }

  @Test
  void literal_document_keeps_references_and_rejects_operators() throws IOException {
    Path file = dir.resolve("monitor.conf");
    Files.writeString(file, "[monitor]\ntitle = ${not:substituted} $${x}\n");
    assertThat(readTitle(file)).isEqualTo("${not:substituted} $${x}");
    Files.writeString(file, "[monitor]\nlist += x\n");
    assertThatThrownBy(() -> IniDocument.read(file))
        .hasMessage(
            file + ":2: error: [monitor] list: '+=' needs a value to change, and this file extends"
                + " nothing; expected 'name = value'");
  }

  private static String readTitle(Path file) {
    try {
      Value title = IniDocument.read(file).section("monitor").get("title");
      return title.text();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Python's json.dumps of a string (ensure_ascii): enough for the sample's characters. */
  private static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
