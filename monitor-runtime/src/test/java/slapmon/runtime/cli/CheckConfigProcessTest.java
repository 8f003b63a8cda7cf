package slapmon.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code slapmon check-config} as an operator runs it: a separate JVM, exit code and streams. */
@Timeout(60)
final class CheckConfigProcessTest {
  @TempDir Path dir;

  private record Outcome(int exitCode, String out, String err) {}

  private Outcome slapmon(String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("slapmon.runtime.Main");
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!process.waitFor(50, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("slapmon did not exit within 50 s");
    }
    return new Outcome(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void valid_configuration_exits_0() throws Exception {
    Path file = dir.resolve("ok.cfg");
    Files.writeString(file, "[buildout]\nparts = a\n[a]\nvalue = é ${:other}\nother = ü\n");
    Outcome outcome = slapmon("check-config", "--print", file.toString());
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).contains("\"value\" : \"é ü\"");
    assertThat(outcome.err()).isEmpty();
  }

  @Test
  void invalid_configuration_exits_2_with_diagnostics_on_stderr() throws Exception {
    Path file = dir.resolve("bad.cfg");
    Files.writeString(file, "[buildout]\nparts = a\n[a]\nx = ${:missing}\n");
    Outcome outcome = slapmon("check-config", file.toString());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err())
        .isEqualTo(
            file + ":4: error: [a] x: ${:missing} refers to option 'missing', which section [a]"
                + " does not have\n1 error, 0 warnings\n");
  }

  @Test
  void usage_error_exits_2() throws Exception {
    Outcome outcome = slapmon("check-config");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("slapmon: Missing required parameter: 'FILE'");
  }
}
