package slapmon.runtime.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One run of a promise or report executable: the absolute path run with no arguments, the directory
 * it runs in, how long it may take, how many bytes of each output stream are kept, and its CPU
 * priority.
 */
public record ProcessSpec(
    Path executable,
    Path workingDirectory,
    Duration timeout,
    int outputCapBytes,
    Priority priority) {
  /** The smallest output cap accepted: enough for a useful head and tail. */
  public static final int MIN_OUTPUT_CAP = 1024;

  public ProcessSpec {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(priority, "priority");
    // A relative command would be looked up in PATH by ProcessBuilder.
    if (!executable.isAbsolute()) {
      throw new IllegalArgumentException(
          "executable must be an absolute path, got '" + executable + "'");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(executable + ": timeout must be positive, got " + timeout);
    }
    if (outputCapBytes < MIN_OUTPUT_CAP) {
      throw new IllegalArgumentException(
          executable
              + ": output cap must be at least "
              + MIN_OUTPUT_CAP
              + " bytes, got "
              + outputCapBytes);
    }
  }

  /** A run at {@link Priority#NORMAL} priority. */
  public ProcessSpec(Path executable, Path workingDirectory, Duration timeout, int outputCapBytes) {
    this(executable, workingDirectory, timeout, outputCapBytes, Priority.NORMAL);
  }
}
