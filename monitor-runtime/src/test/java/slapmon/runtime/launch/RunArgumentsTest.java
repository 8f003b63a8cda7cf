package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slapmon run} as the service wrapper writes it is read without picocli; every other
 * command line still goes to picocli, which explains a mistake.
 */
final class RunArgumentsTest {
  @TempDir Path dir;

  @Test
  void theWrappersCommandLineIsReadWithoutPicocli() {
    assertThat(RunArguments.of(new String[] {"run", "--config", "/p/etc/monitor.conf"}))
        .contains(new RunArguments(Path.of("/p/etc/monitor.conf"), 60));
    assertThat(RunArguments.of(new String[] {"run", "--period=5", "--config=/p/m.conf"}))
        .contains(new RunArguments(Path.of("/p/m.conf"), 5));
    assertThat(RunArguments.of(new String[] {"run", "--config", "m.conf", "--period", "86400"}))
        .contains(new RunArguments(Path.of("m.conf"), 86400));
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    for (String[] args : new String[][] {
        {"run"}, {"run", "--help"}, {"run", "--config"}, {"run", "--config", "--period"},
        {"run", "--config", "a", "--config", "b"}, {"run", "--period", "5"},
        {"run", "--config", "a", "--period", "x"}, {"run", "--config", "a", "--period", "-1"},
        {"run", "--config", "a", "--period", "1234567890"}, {"run", "--conifg", "a"},
        {"run", "--config", "a", "extra"}, {"run", "--config="}, {"render", "--config", "a"},
        {"run", "--config", "a\0b"}}) {
      assertThat(RunArguments.of(args)).as(String.join(" ", args)).isEqualTo(Optional.empty());
    }
  }

  /** Its classes cannot be archived for class-data sharing: the wrapper's start loads none. */
  @Test
  void theWrappersCommandLineLoadsNoPicocliClass() throws Exception {
    Path classes = dir.resolve("classes.log");
    Process run = SlapmonProcess.startWithJvmOptions(dir, Map.of(),
        List.of("-Xlog:class+load=info:file=" + classes),
        "run", "--config", dir.resolve("missing.conf").toString());
    assertThat(run.waitFor(50, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(ExitCode.USAGE);
    assertThat(SlapmonProcess.read(dir, "stderr")).contains("missing.conf");
    assertThat(Files.readString(classes)).contains("slapmon.runtime.launch.RunArguments")
        .doesNotContain("picocli.");
  }

  @Test
  void aWrongPeriodIsStillExplainedByPicocli() {
    StringWriter err = new StringWriter();
    int code = SlapmonCommand.execute(
        new String[] {"run", "--config", dir.resolve("m.conf").toString(), "--period", "x"},
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--period");
  }
}
