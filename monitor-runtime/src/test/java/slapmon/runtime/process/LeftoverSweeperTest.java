package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sweeper against real processes: only an ended run's, only this runner's, TERM then KILL. */
@Timeout(60)
final class LeftoverSweeperTest {
  private final String runner = UUID.randomUUID().toString();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killAll() throws InterruptedException {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A shell and its sleep that ignore SIGTERM, tagged as a run of {@code runnerId}. */
  private Process stubborn(String runnerId, String run) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 30; sleep 30");
    builder.environment().put(ProcessTree.TAG_VARIABLE, runnerId + "." + run);
    Process process = builder.start();
    started.add(process);
    Path cmdline = Path.of("/proc", process.pid() + "", "cmdline");
    for (int i = 0; i < 500 && process.descendants().findAny().isEmpty(); i++) {
      TimeUnit.MILLISECONDS.sleep(10); // until the shell has set its trap and started sleep
    }
    assertThat(java.nio.file.Files.exists(cmdline)).isTrue();
    return process;
  }

  private LeftoverSweeper sweeper() {
    return new LeftoverSweeper(ProcessTree.TAG_VARIABLE + "=" + runner + ".");
  }

  @Test
  void leaves_a_running_runs_processes_alone_then_terms_and_kills_them_once_it_ended()
      throws Exception {
    LeftoverSweeper sweeper = sweeper();
    sweeper.started("1");
    Process leftover = stubborn(runner, "1");
    ProcessHandle sleep = leftover.descendants().findFirst().orElseThrow();

    assertThat(sweeper.sweep()).as("the run is still going").isZero();
    assertThat(leftover.isAlive()).isTrue();

    sweeper.ended("1");
    assertThat(sweeper.sweep()).as("SIGTERM to the shell and its sleep").isEqualTo(2);
    TimeUnit.MILLISECONDS.sleep(200);
    assertThat(leftover.isAlive()).as("the shell ignores SIGTERM, and so does its sleep").isTrue();
    assertThat(sleep.isAlive()).isTrue();

    assertThat(sweeper.sweep()).as("SIGKILL to both").isEqualTo(2);
    assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sleep.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(sweeper.sweep()).as("nothing left").isZero();
  }

  @Test
  void a_process_that_execs_without_the_tag_is_still_known_as_the_runs() throws Exception {
    // Seen while a plain fork of a marked process; then exec'd with an empty environment, which the
    // run's own look cannot tell from anyone else's.
    LeftoverSweeper sweeper = sweeper();
    sweeper.started("2");
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "read line; exec env -i sleep 30");
    builder.environment().put(ProcessTree.TAG_VARIABLE, runner + ".2");
    Process process = builder.start();
    started.add(process);
    Path cmdline = Path.of("/proc", process.pid() + "", "cmdline");
    // The marked shell running, its environment laid out (start() may return before that).
    for (int i = 0; i < 500 && !java.nio.file.Files.readString(cmdline).startsWith("sh"); i++) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    sweeper.sweep();
    process.getOutputStream().write('\n');
    process.getOutputStream().flush();
    for (int i = 0; i < 500 && !java.nio.file.Files.readString(cmdline).startsWith("sleep"); i++) {
      TimeUnit.MILLISECONDS.sleep(10);
    }

    sweeper.ended("2");
    assertThat(sweeper.sweep()).isEqualTo(1);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void another_runners_processes_and_those_older_than_the_sweeper_are_not_touched()
      throws Exception {
    Process older = stubborn(runner, "3");
    LeftoverSweeper sweeper = sweeper();
    Process another = stubborn(UUID.randomUUID().toString(), "4");

    assertThat(sweeper.sweep()).isZero();
    assertThat(sweeper.sweep()).isZero();
    assertThat(older.isAlive()).isTrue();
    assertThat(another.isAlive()).isTrue();
  }
}
