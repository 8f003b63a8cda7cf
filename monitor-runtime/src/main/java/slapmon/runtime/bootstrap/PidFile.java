package slapmon.runtime.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;

/**
 * The runtime's process id in {@code pid-file}: the runtime is what the original's {@code
 * bootstrap-monitor} process was, and the stack's {@code monitor-bootstrap-status} plugin promise
 * says "Bootstrap didn't run!" while that file is missing.
 */
public final class PidFile {
  private PidFile() {}

  /** Writes this process's id to {@code file}; a problem naming the file when it cannot. */
  public static Optional<String> record(Path file) {
    try {
      Files.createDirectories(file.getParent());
      // Not synced: a process id means nothing after the power cut that could lose it, and the
      // start's first fsync waits for everything the disk still had to write (up to 0.1 s).
      AtomicFiles.write(
          file,
          Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII),
          Durability.CACHED);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(file + ": could not write the monitor's process id: " + e.getMessage());
    }
  }
}
