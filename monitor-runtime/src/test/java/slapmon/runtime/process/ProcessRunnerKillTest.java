package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile executables: past their timeout, deaf to SIGTERM, or leaving processes behind that hold
 * the output pipes. Every run must return, and nothing it started may survive it.
 */
final class ProcessRunnerKillTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  @TempDir Path dir;
  private final ProcessRunner runner = new ProcessRunner(Clock.systemUTC());

  private ProcessOutcome run(Path executable) throws InterruptedException {
    return runner.run(new ProcessSpec(executable, dir, TIMEOUT, 4096));
  }

  @AfterEach
  void kill_anything_a_failed_test_left() throws Exception {
    for (String name : new String[] {"main", "child", "grandchild", "escaped", "beside"}) {
      Scripts.killIfRunning(dir.resolve(name));
    }
  }

  @Test
  @Timeout(30)
  void a_process_ignoring_sigterm_is_killed_after_the_grace() throws Exception {
    Path script =
        Scripts.write(
            dir,
            "deaf",
            "echo $$ > main; echo starting; trap '' TERM; sleep 30 & echo $! > child; wait");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.exitCode()).isEqualTo(ProcessOutcome.NO_EXIT_CODE);
    assertThat(PromiseMessage.of(outcome, TIMEOUT))
        .isEqualTo("starting\n\nPROMISE TIME OUT AFTER 1 SECONDS");
    assertThat(NagiosStatus.of(outcome)).isEqualTo(NagiosStatus.TIMEOUT);
    Scripts.assertGone(dir.resolve("main"));
    Scripts.assertGone(dir.resolve("child"));
  }

  @Test
  @Timeout(30)
  void a_grandchild_escaping_with_setsid_is_killed_with_its_timed_out_parent() throws Exception {
    Path script =
        Scripts.write(
            dir,
            "escape",
            "echo $$ > main\n"
                + "setsid sh -c 'echo $$ > grandchild; exec sleep 30' &\n"
                + "until [ -s grandchild ]; do :; done; sleep 30");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.timedOut()).isTrue();
    Scripts.assertGone(dir.resolve("main"));
    Scripts.assertGone(dir.resolve("grandchild"));
  }

  @Test
  @Timeout(30)
  void a_double_forked_process_is_found_by_its_mark_and_killed_on_timeout() throws Exception {
    // The subshell exits at once: by the timeout its child is no descendant of the script.
    Path script =
        Scripts.write(
            dir,
            "daemonize",
            "(setsid sh -c 'echo $$ > escaped; exec sleep 30' &)\n"
                + "until [ -s escaped ]; do :; done; echo $$ > main; sleep 30");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.timedOut()).isTrue();
    Scripts.assertGone(dir.resolve("main"));
    Scripts.assertGone(dir.resolve("escaped"));
  }

  @Test
  @Timeout(30)
  void a_background_child_holding_stdout_is_killed_when_its_parent_exits() throws Exception {
    Path script = Scripts.write(dir, "forker", "sleep 30 & echo $! > child; echo parent done");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.timedOut()).isFalse();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("parent done\n");
    Scripts.assertGone(dir.resolve("child"));
  }

  @Test
  @Timeout(30)
  void a_double_forked_process_is_found_by_its_mark_and_killed_after_a_clean_exit()
      throws Exception {
    Path script =
        Scripts.write(
            dir,
            "daemonize",
            "(sh -c 'echo $$ > escaped; exec sleep 30' &)\n"
                + "until [ -s escaped ]; do :; done; echo done");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("done\n");
    Scripts.assertGone(dir.resolve("escaped"));
  }

  @Test
  @Timeout(30)
  void a_background_child_that_let_go_of_the_output_is_killed_too() throws Exception {
    Path script =
        Scripts.write(dir, "starter", "sleep 30 >/dev/null 2>&1 & echo $! > child; echo started");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("started\n");
    Scripts.assertGone(dir.resolve("child"));
  }

  @Test
  @Timeout(30)
  void an_unmarked_process_holding_stdout_cannot_stall_the_run() throws Exception {
    // Clearing the mark hides it from the runner: the drain must give up on the pipe by itself.
    Path script =
        Scripts.write(
            dir,
            "hidden",
            "env -u SLAPMON_RUN sh -c 'echo $$ > escaped; exec sleep 30' &\n"
                + "until [ -s escaped ]; do :; done; echo done");
    ProcessOutcome outcome = run(script);

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdout()).isEqualTo("done\n");
    assertThat(Scripts.running(Scripts.pid(dir.resolve("escaped")))).isTrue();
  }

  @Test
  @Timeout(30)
  void interrupting_the_runner_kills_the_tree_and_rethrows() throws Exception {
    Path fifo = dir.resolve("started");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Path script =
        Scripts.write(
            dir, "slow", "sleep 30 & echo $! > child; echo $$ > main; echo go > started; wait");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                runner.run(new ProcessSpec(script, dir, Duration.ofSeconds(60), 4096));
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    caller.start();
    assertThat(Files.readString(fifo)).isEqualTo("go\n"); // blocks until the script has started
    caller.interrupt();
    caller.join();

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    Scripts.assertGone(dir.resolve("main"));
    Scripts.assertGone(dir.resolve("child"));
  }

  @Test
  @Timeout(60)
  void a_leftover_is_killed_when_another_run_started_beside_it() throws Exception {
    // The other run's own process is created after this run's: it lies in the pids this run's
    // look goes through, and that look does not read it (it knows it by pid). The leftover
    // beside it must still be found.
    Path besideStarted = dir.resolve("beside");
    Path besideEnd = dir.resolve("end-beside");
    Path beside =
        Scripts.write(
            dir, "beside-run",
            "echo $$ > beside.tmp; mv beside.tmp beside\n"
                + "i=0; while [ ! -e end-beside ] && [ $i -lt 400 ]; do sleep 0.1; i=$((i+1)); done");
    Path starter =
        Scripts.write(
            dir, "starter",
            "sleep 30 >/dev/null 2>&1 & echo $! > child.tmp; mv child.tmp child\n"
                + "i=0; while [ ! -e beside ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done\n"
                + "echo started");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                Scripts.awaitFile(dir.resolve("child"));
                runner.run(new ProcessSpec(beside, dir, Duration.ofSeconds(60), 4096));
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    other.start();
    try {
      ProcessOutcome outcome = runner.run(new ProcessSpec(starter, dir, Duration.ofSeconds(60), 4096));

      assertThat(outcome.stdout()).isEqualTo("started\n");
      assertThat(Scripts.running(Scripts.pid(besideStarted))).as("the other run goes on").isTrue();
      Scripts.assertGone(dir.resolve("child"));
    } finally {
      Files.writeString(besideEnd, "");
      other.join();
    }
    assertThat(thrown.get()).isNull();
  }
}
