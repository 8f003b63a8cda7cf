package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code slapmon check-config} as an operator runs it: a separate JVM, exit code and streams. */
@Timeout(60)
final class CheckConfigProcessTest {
  @TempDir Path dir;

  private SlapmonProcess.Outcome slapmon(String... args) throws IOException, InterruptedException {
    return SlapmonProcess.run(dir, java.util.Map.of(), args);
  }

  @Test
  void valid_configuration_exits_0() throws Exception {
    Path file = dir.resolve("ok.cfg");
    Files.writeString(file, "[buildout]\nparts = a\n[a]\nvalue = é ${:other}\nother = ü\n");
    SlapmonProcess.Outcome outcome = slapmon("check-config", "--print", file.toString());
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).contains("\"value\" : \"é ü\"");
    assertThat(outcome.err()).isEmpty();
  }

  @Test
  void invalid_configuration_exits_2_with_diagnostics_on_stderr() throws Exception {
    Path file = dir.resolve("bad.cfg");
    Files.writeString(file, "[buildout]\nparts = a\n[a]\nx = ${:missing}\n");
    SlapmonProcess.Outcome outcome = slapmon("check-config", file.toString());
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err())
        .isEqualTo(
            file + ":4: error: [a] x: ${:missing} refers to option 'missing', which section [a]"
                + " does not have\n1 error, 0 warnings\n");
  }

  @Test
  void usage_error_exits_2() throws Exception {
    SlapmonProcess.Outcome outcome = slapmon("check-config");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("slapmon: Missing required parameter: 'FILE'");
  }
}
