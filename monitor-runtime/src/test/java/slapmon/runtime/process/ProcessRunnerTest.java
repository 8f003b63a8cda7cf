package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs that end by themselves: exit codes, output, encoding and failures to start. The timeouts
 * leave room for a machine that other tests load.
 */
final class ProcessRunnerTest {
  private static final Instant NOW = Instant.parse("2024-02-29T23:59:30Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(8);

  @TempDir Path dir;
  private final ProcessRunner runner = new ProcessRunner(Clock.fixed(NOW, ZoneOffset.UTC));

  private ProcessOutcome run(Path executable) throws InterruptedException {
    return runner.run(new ProcessSpec(executable, dir, TIMEOUT, 64 * 1024));
  }

  @Test
  @Timeout(30)
  void a_lowered_run_gets_nice_19_and_a_normal_one_the_runtimes_own() throws Exception {
    Path script = Scripts.write(dir, "nice-value", "awk '{print $19}' /proc/$$/stat");
    String own = Files.readString(Path.of("/proc/self/stat")).split(" ")[18];

    ProcessOutcome normal = runner.run(new ProcessSpec(script, dir, TIMEOUT, 1024, Priority.NORMAL));
    ProcessOutcome lowered = runner.run(new ProcessSpec(script, dir, TIMEOUT, 1024, Priority.LOWERED));

    assertThat(normal.stdout()).isEqualTo(own + "\n");
    assertThat(lowered.stdout()).isEqualTo("19\n");
    assertThat(lowered.exitCode()).isZero();
  }

  @Test
  @Timeout(30)
  void exit_0_keeps_stdout_verbatim() throws Exception {
    ProcessOutcome outcome = run(Scripts.write(dir, "ok", "echo success"));

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.stdout()).isEqualTo("success\n");
    assertThat(outcome.stderr()).isEmpty();
    assertThat(outcome.launchError()).isEmpty();
    assertThat(outcome.started()).isEqualTo(NOW);
    assertThat(outcome.took()).isPositive();
    assertThat(PromiseMessage.of(outcome, TIMEOUT)).isEqualTo("success\n");
    assertThat(LegacyStatus.of(outcome)).isEqualTo(LegacyStatus.OK);
  }

  @ParameterizedTest
  @CsvSource({"1, WARNING", "2, CRITICAL", "3, UNKNOWN", "255, ERROR"})
  @Timeout(30)
  void failure_takes_its_message_from_stderr(int exitCode, NagiosStatus nagios) throws Exception {
    Path script = Scripts.write(dir, "fail", "echo out; echo 'disk full' >&2; exit " + exitCode);
    ProcessOutcome outcome = run(script);

    assertThat(outcome.exitCode()).isEqualTo(exitCode);
    assertThat(PromiseMessage.of(outcome, TIMEOUT)).isEqualTo("disk full\n");
    assertThat(LegacyStatus.of(outcome)).isEqualTo(LegacyStatus.ERROR);
    assertThat(NagiosStatus.of(outcome)).isEqualTo(nagios);
  }

  @Test
  @Timeout(30)
  void failure_with_empty_stderr_takes_its_message_from_stdout() throws Exception {
    ProcessOutcome outcome = run(Scripts.write(dir, "fail", "echo 'port 80 closed'; exit 2"));

    assertThat(PromiseMessage.of(outcome, TIMEOUT)).isEqualTo("port 80 closed\n");
  }

  @Test
  @Timeout(40)
  void fifty_megabytes_of_output_are_capped_to_head_and_tail_with_an_exact_count()
      throws Exception {
    Path script = Scripts.write(dir, "loud", "head -c 50000000 /dev/zero | tr '\\0' a");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout())
        .isEqualTo(
            "a".repeat(32768) + "\n[... 49,934,464 bytes omitted ...]\n" + "a".repeat(32768));
  }

  @Test
  @Timeout(30)
  void invalid_utf8_output_becomes_replacement_characters() throws Exception {
    ProcessOutcome outcome = run(Scripts.write(dir, "binary", "printf '\\377\\376ok\\n'"));

    assertThat(outcome.stdout()).isEqualTo("\uFFFD\uFFFDok\n");
  }

  @Test
  @Timeout(30)
  void stdin_is_empty_and_the_directory_and_environment_are_the_ones_given() throws Exception {
    Path script = Scripts.write(dir, "env", "cat; pwd; echo \"$PATH\"");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.stdout()).isEqualTo(dir.toRealPath() + "\n" + System.getenv("PATH") + "\n");
  }

  @Test
  @Timeout(30)
  void a_script_deleting_itself_while_running_is_ok() throws Exception {
    Path script = Scripts.write(dir, "vanish", "rm \"$0\"; echo still here");
    ProcessOutcome outcome = run(script);

    assertThat(script).doesNotExist();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("still here\n");
  }

  @Test
  @Timeout(30)
  void a_file_that_is_not_executable_is_a_launch_error() throws Exception {
    Path script = Scripts.write(dir, "noexec", "echo never");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    ProcessOutcome outcome = run(script);

    assertThat(outcome.launchError())
        .hasValue(script + ": cannot start: error=13, Permission denied");
    assertThat(outcome.exitCode()).isEqualTo(ProcessOutcome.NO_EXIT_CODE);
    assertThat(outcome.started()).isEqualTo(NOW);
    assertThat(PromiseMessage.of(outcome, TIMEOUT)).isEqualTo(outcome.launchError().get());
    assertThat(LegacyStatus.of(outcome)).isEqualTo(LegacyStatus.ERROR);
    assertThat(NagiosStatus.of(outcome)).isEqualTo(NagiosStatus.ERROR);
  }

  @Test
  @Timeout(30)
  void a_missing_file_is_a_launch_error() throws Exception {
    Path missing = dir.resolve("gone");
    ProcessOutcome outcome = run(missing);

    assertThat(outcome.launchError())
        .hasValue(missing + ": cannot start: error=2, No such file or directory");
  }

  @Test
  @Timeout(30)
  void a_missing_interpreter_is_a_launch_error_that_says_so() throws Exception {
    Path script = dir.resolve("badshebang");
    Files.writeString(script, "#!/nonexistent/sh\necho never\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessOutcome outcome = run(script);

    assertThat(outcome.launchError().orElseThrow())
        .startsWith(script + ": cannot start: error=2, No such file or directory")
        .endsWith("(the file exists: is the interpreter named on its #! line missing?)");
  }

  @Test
  @Timeout(30)
  void a_missing_working_directory_is_a_launch_error_that_names_it() throws Exception {
    Path script = Scripts.write(dir, "ok", "echo success");
    Path nowhere = dir.resolve("nowhere");
    ProcessOutcome outcome = runner.run(new ProcessSpec(script, nowhere, TIMEOUT, 1024));

    assertThat(outcome.launchError().orElseThrow())
        .startsWith(script + ": cannot start: ")
        .endsWith("(working directory " + nowhere + " does not exist)");
  }

  @Test
  @Timeout(60)
  void runs_one_after_another_share_their_output_drains() throws Exception {
    Path script = Scripts.write(dir, "short", "echo out; echo err >&2");
    int runs = 20;
    int before = StreamDrain.threadsMade();
    for (int i = 0; i < runs; i++) {
      ProcessOutcome outcome = run(script);
      assertThat(outcome.stdout()).isEqualTo("out\n");
      assertThat(outcome.stderr()).isEqualTo("err\n");
    }
    // Two new threads per run before; now a run takes those the previous ones gave back (a thread
    // still on its way back when the next run starts is replaced, hence no exact count).
    assertThat(StreamDrain.threadsMade() - before).isLessThan(2 * runs);
  }
}
