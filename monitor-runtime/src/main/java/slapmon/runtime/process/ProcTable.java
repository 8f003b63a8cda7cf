package slapmon.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Linux's {@code /proc} tells that {@link ProcessHandle} does not (which processes carry an
 * environment entry, which "alive" ones are zombies); without {@code /proc} it finds nothing.
 */
final class ProcTable {
  private static final Path PROC = Path.of("/proc");

  /**
   * Processes whose environment cannot be read (kernel threads have none): scanning after every
   * run, each would cost two exceptions, which is most of a scan's time. Bounded; a pid reused by a
   * process of ours while listed here would escape one scan, which the timeout kill still covers.
   */
  private static final Set<Long> UNREADABLE = ConcurrentHashMap.newKeySet();

  private static final int UNREADABLE_LIMIT = 65536;

  private ProcTable() {}

  /** Every live process whose initial environment holds exactly {@code entry} ({@code K=V}). */
  static List<ProcessHandle> withEnvironmentEntry(String entry) {
    byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    List<ProcessHandle> found = new ArrayList<>();
    // Listing /proc is much cheaper than ProcessHandle.allProcesses(), which reads every stat file.
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcTable::isPid)) {
      for (Path dir : entries) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid == self || UNREADABLE.contains(pid)) {
          continue;
        }
        byte[] environment = environment(dir);
        if (environment == null) {
          if (UNREADABLE.size() >= UNREADABLE_LIMIT) {
            UNREADABLE.clear();
          }
          UNREADABLE.add(pid);
        } else if (holds(environment, wanted)) {
          ProcessHandle.of(pid).ifPresent(found::add);
        }
      }
    } catch (IOException | DirectoryIteratorException noProc) {
      // Not Linux, or /proc could not be listed: what was found so far is all there is.
    }
    return found;
  }

  /** Alive and not a zombie: a killed process whose parent has not reaped it yet counts as gone. */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(PROC.resolve(process.pid() + "/stat"), StandardCharsets.UTF_8);
      int afterName = stat.lastIndexOf(')');
      char state =
          afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
      return state != 'Z' && state != 'X';
    } catch (IOException gone) {
      return process.isAlive();
    }
  }

  private static boolean isPid(Path dir) {
    String name = dir.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** The process's initial environment, or null when it has none that can be read. */
  private static byte[] environment(Path processDir) {
    try {
      return Files.readAllBytes(processDir.resolve("environ"));
    } catch (java.nio.file.NoSuchFileException ended) {
      return new byte[0]; // it ended while we listed: nothing to kill, nothing to remember
    } catch (IOException | SecurityException unreadable) {
      return null; // a kernel thread, or another user's process
    }
  }

  /** Whether the NUL-separated {@code environ} holds {@code wanted} as one whole entry. */
  static boolean holds(byte[] environ, byte[] wanted) {
    int start = 0;
    while (start < environ.length) {
      int end = start;
      while (end < environ.length && environ[end] != 0) {
        end++;
      }
      if (end - start == wanted.length
          && Arrays.equals(environ, start, end, wanted, 0, wanted.length)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }
}
