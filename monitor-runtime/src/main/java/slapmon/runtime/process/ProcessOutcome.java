package slapmon.runtime.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of an executable produced: exit code ({@code -1} if killed or never started),
 * whether it timed out, its capped UTF-8 output, when it started, how long it took, and why it
 * could not start.
 */
public record ProcessOutcome(
    int exitCode,
    boolean timedOut,
    String stdout,
    String stderr,
    Instant started,
    Duration took,
    Optional<String> launchError) {
  /** The exit code reported for a process that was killed, or that never started. */
  public static final int NO_EXIT_CODE = -1;

  public ProcessOutcome {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(launchError, "launchError");
  }

  static ProcessOutcome launchFailed(Instant started, Duration took, String reason) {
    return new ProcessOutcome(NO_EXIT_CODE, false, "", "", started, took, Optional.of(reason));
  }
}
