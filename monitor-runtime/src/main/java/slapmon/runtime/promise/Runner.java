package slapmon.runtime.promise;

import java.time.Clock;
import java.time.Duration;
import slapmon.runtime.process.LegacyStatus;
import slapmon.runtime.process.NagiosStatus;
import slapmon.runtime.process.ProcessOutcome;
import slapmon.runtime.process.ProcessRunner;
import slapmon.runtime.process.ProcessSpec;
import slapmon.runtime.process.PromiseMessage;

/** Runs one executable with the current timeout; an executable with a problem is not run. */
final class Runner {
  private static final System.Logger LOG = System.getLogger("slapmon.promise");

  private final EngineSettings settings;
  private final ProcessRunner processes;
  private final Clock clock;
  private volatile java.util.Optional<String> timeoutProblem = java.util.Optional.empty();

  Runner(EngineSettings settings, ProcessRunner processes, Clock clock) {
    this.settings = settings;
    this.processes = processes;
    this.clock = clock;
  }

  RunResult run(Executable executable) throws InterruptedException {
    if (executable.problem().isPresent()) {
      return new RunResult(
          executable, clock.instant(), Duration.ZERO, LegacyStatus.ERROR, NagiosStatus.ERROR,
          ProcessOutcome.NO_EXIT_CODE, executable.problem().get());
    }
    TimeoutFile.Reading timeout = TimeoutFile.read(settings.timeoutFile(), settings.defaultTimeout());
    noteTimeoutProblem(timeout.problem());
    ProcessOutcome outcome =
        processes.run(
            new ProcessSpec(
                executable.path().toAbsolutePath(),
                settings.workingDirectory(),
                timeout.timeout(),
                settings.outputCapBytes()));
    return new RunResult(
        executable,
        outcome.started(),
        outcome.took(),
        LegacyStatus.of(outcome),
        NagiosStatus.of(outcome),
        outcome.exitCode(),
        PromiseMessage.of(outcome, timeout.timeout()));
  }

  /** What is wrong with the timeout file, if anything, as of the last run (for the global state). */
  java.util.Optional<String> timeoutProblem() {
    return timeoutProblem;
  }

  private void noteTimeoutProblem(java.util.Optional<String> problem) {
    if (!problem.equals(timeoutProblem)) {
      problem.ifPresent(text -> LOG.log(System.Logger.Level.WARNING, "event=timeout-file-invalid " + text));
      timeoutProblem = problem;
    }
  }
}
