package slapmon.runtime.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What Linux's {@code /proc} says about processes: who carries a mark, their age, threads, fds. */
final class ProcSnapshot {
  private static final Path PROC = Path.of("/proc");
  private static final long TICKS_PER_SECOND = 100; // USER_HZ, fixed at 100 on Linux for /proc

  record Marked(long pid, double ageSeconds, String command) {}

  private ProcSnapshot() {}

  /** Every live process (zombies excluded) whose environment holds {@code entry} exactly. */
  static List<Marked> marked(String entry, long exceptPid) throws IOException {
    byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
    double uptime = Double.parseDouble(Files.readString(PROC.resolve("uptime")).split(" ")[0]);
    List<Marked> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid == exceptPid) {
          continue;
        }
        try {
          if (!holds(Files.readAllBytes(dir.resolve("environ")), wanted)) {
            continue;
          }
          String stat = Files.readString(dir.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          if (fields[0].equals("Z") || fields[0].equals("X")) {
            continue;
          }
          double started = Long.parseLong(fields[19]) / (double) TICKS_PER_SECOND;
          String command = Files.readString(dir.resolve("cmdline")).replace('\0', ' ').strip();
          found.add(new Marked(pid, uptime - started, command));
        } catch (IOException | RuntimeException gone) {
          // ended while we looked, or not ours to read
        }
      }
    }
    return found;
  }

  static int threads(long pid) throws IOException {
    for (String line : Files.readAllLines(PROC.resolve(pid + "/status"))) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.substring("Threads:".length()).strip());
      }
    }
    throw new IOException("no Threads line for " + pid);
  }

  static int descriptors(long pid) throws IOException {
    try (var fds = Files.list(PROC.resolve(pid + "/fd"))) {
      return (int) fds.count();
    }
  }

  private static boolean holds(byte[] environ, byte[] wanted) {
    int start = 0;
    while (start < environ.length) {
      int end = start;
      while (end < environ.length && environ[end] != 0) {
        end++;
      }
      if (java.util.Arrays.equals(environ, start, end, wanted, 0, wanted.length)) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }
}
