package slapmon.runtime.promise;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import slapmon.runtime.live.LiveParameters;
import slapmon.runtime.process.LegacyStatus;
import slapmon.runtime.process.NagiosStatus;
import slapmon.runtime.process.Priority;
import slapmon.runtime.process.ProcessOutcome;
import slapmon.runtime.process.ProcessRunner;
import slapmon.runtime.process.ProcessSpec;
import slapmon.runtime.process.PromiseMessage;

/**
 * Runs one executable with the current timeout; an executable with a problem is not run. An
 * executable whose last run timed out runs at {@link Priority#LOWERED} priority until a run ends in
 * time: on a machine short of cores, promises that spin until they are killed must not take the
 * CPU from the ones that end (decisions §18).
 */
final class Runner {
  private static final System.Logger LOG = System.getLogger("slapmon.promise");

  private final EngineSettings settings;
  private final ProcessRunner processes;
  private final Clock clock;
  private final LiveParameters live;
  private final Set<Path> timedOutLastRun = ConcurrentHashMap.newKeySet();

  Runner(EngineSettings settings, ProcessRunner processes, Clock clock, LiveParameters live) {
    this.settings = settings;
    this.processes = processes;
    this.clock = clock;
    this.live = live;
  }

  RunResult run(Executable executable) throws InterruptedException {
    if (executable.problem().isPresent()) {
      return new RunResult(
          executable, clock.instant(), Duration.ZERO, LegacyStatus.ERROR, NagiosStatus.ERROR,
          ProcessOutcome.NO_EXIT_CODE, executable.problem().get());
    }
    Duration timeout = live.promiseTimeout();
    ProcessOutcome outcome =
        processes.run(
            new ProcessSpec(
                executable.path().toAbsolutePath(),
                settings.workingDirectory(),
                timeout,
                settings.outputCapBytes(),
                lowered(executable) ? Priority.LOWERED : Priority.NORMAL));
    notePriority(executable, outcome.timedOut());
    return new RunResult(
        executable,
        outcome.started(),
        outcome.took(),
        LegacyStatus.of(outcome),
        NagiosStatus.of(outcome),
        outcome.exitCode(),
        PromiseMessage.of(outcome, timeout));
  }

  /** Whether the executable's last run timed out, so that its next one runs lowered. */
  boolean lowered(Executable executable) {
    return timedOutLastRun.contains(executable.path());
  }

  private void notePriority(Executable executable, boolean timedOut) {
    String title = executable.title();
    if (timedOut && timedOutLastRun.add(executable.path())) {
      LOG.log(System.Logger.Level.INFO, "event=priority-lowered reason=timed-out title=" + title);
    } else if (!timedOut && timedOutLastRun.remove(executable.path())) {
      LOG.log(System.Logger.Level.INFO, "event=priority-restored reason=ended-in-time title=" + title);
    }
  }

  /** What is wrong with the timeout file, if anything, as of the last look (for the state). */
  java.util.Optional<String> timeoutProblem() {
    return live.timeoutProblem();
  }
}
