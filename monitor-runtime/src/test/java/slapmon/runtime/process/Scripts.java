package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Real {@code #!/bin/sh} executables in a test folder, and checks on the processes they leave. */
final class Scripts {
  private Scripts() {}

  static Path write(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  static long pid(Path pidFile) throws IOException {
    assertThat(pidFile).as("the script wrote the pid of its child").exists();
    return Long.parseLong(Files.readString(pidFile).trim());
  }

  /**
   * Fails unless the process is gone (a zombie not yet reaped by init counts as gone) within 5 s.
   */
  static void assertGone(Path pidFile) throws IOException, InterruptedException {
    long pid = pid(pidFile);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running(pid)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("process " + pid + " is still running");
      }
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      if (handle.isPresent()) {
        try {
          handle.get().onExit().get(50, TimeUnit.MILLISECONDS); // waits on the process itself
        } catch (TimeoutException | ExecutionException stillThere) {
          // poll again toward the deadline
        }
      }
    }
  }

  /** Checked on /proc directly, independently of the runner's own liveness test. */
  static boolean running(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text;
    try {
      text = Files.readString(stat);
    } catch (IOException vanished) {
      return false;
    }
    char state = text.charAt(text.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  static void killIfRunning(Path pidFile) throws IOException {
    if (Files.exists(pidFile)) {
      ProcessHandle.of(pid(pidFile)).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Waits (up to 10 s) until {@code file} exists; fails otherwise. */
  static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " did not appear");
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
