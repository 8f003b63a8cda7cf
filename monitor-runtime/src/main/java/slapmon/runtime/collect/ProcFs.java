package slapmon.runtime.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import slapmon.runtime.process.ProcStat;

/**
 * Reads Linux's {@code /proc}: the processes and their counters; a process that ends
 * while it is read is simply absent.
 */
final class ProcFs {
  /** USER_HZ: 100 on every Linux architecture slapmon runs on; Java cannot ask sysconf. */
  static final long TICKS_PER_SECOND = 100;

  private final Path root;

  ProcFs(Path root) {
    this.root = root;
  }

  static ProcFs system() {
    return new ProcFs(Path.of("/proc"));
  }

  /** The real uid of this JVM, from {@code /proc/self/status}. */
  long currentUid() throws IOException {
    return realUid(status(root.resolve("self"))).orElseThrow(
        () -> new IOException(root.resolve("self/status") + ": no Uid line"));
  }

  /** Every process, read now. */
  List<ProcReading> processes() throws IOException {
    List<ProcReading> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ProcFs::isPid)) {
      for (Path dir : entries) {
        read(dir).ifPresent(found::add);
      }
    } catch (DirectoryIteratorException e) {
      throw new IOException(root + ": could not list processes: " + e.getMessage(), e.getCause());
    }
    return found;
  }

  /** {@code MemTotal} of {@code /proc/meminfo}, in bytes. */
  long memTotalBytes() throws IOException {
    Path file = root.resolve("meminfo");
    return kilobytes(Files.readAllLines(file, StandardCharsets.UTF_8), "MemTotal:")
        .orElseThrow(() -> new IOException(file + ": no MemTotal line"));
  }

  /** {@code btime} of {@code /proc/stat}: the boot time, in seconds since the epoch. */
  long bootTimeSeconds() throws IOException {
    Path file = root.resolve("stat");
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("btime ")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new IOException(file + ": no btime line");
  }

  Path processDir(long pid) {
    return root.resolve(Long.toString(pid));
  }

  /**
   * Where the link {@code name} ({@code cwd}, {@code exe}) of process {@code pid} points, or empty
   * when the process has ended or is not ours to look into.
   */
  Optional<Path> link(long pid, String name) {
    try {
      return Optional.of(Files.readSymbolicLink(processDir(pid).resolve(name)));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private Optional<ProcReading> read(Path dir) {
    try {
      List<String> status = status(dir);
      OptionalLong uid = realUid(status);
      if (uid.isEmpty()) {
        return Optional.empty();
      }
      Optional<ProcStat> read = ProcStat.read(dir);
      if (read.isEmpty()) {
        return Optional.empty();
      }
      ProcStat stat = read.get();
      long pid = Long.parseLong(dir.getFileName().toString());
      long cpu = stat.number(14) + stat.number(15);
      long rss = kilobytes(status, "VmRSS:").orElse(0);
      return Optional.of(
          new ProcReading(
              pid, uid.getAsLong(), stat.number(4), stat.number(22), cpu, stat.number(20), rss,
              io(dir)));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty(); // it ended while read, or its files are not ours to read
    }
  }

  private static Optional<ProcReading.Io> io(Path dir) {
    try {
      Map<String, Long> values = new java.util.HashMap<>();
      for (String line : Files.readAllLines(dir.resolve("io"), StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          values.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1).trim()));
        }
      }
      long bytes = values.getOrDefault("read_bytes", 0L) + values.getOrDefault("write_bytes", 0L);
      long calls = values.getOrDefault("syscr", 0L) + values.getOrDefault("syscw", 0L);
      return Optional.of(new ProcReading.Io(bytes, calls));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // another user's process, or a kernel without task I/O accounting
    }
  }

  private static List<String> status(Path dir) throws IOException {
    // Its Name line is the command name, any bytes; the lines read here are ASCII.
    return Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1);
  }

  private static OptionalLong realUid(List<String> status) {
    for (String line : status) {
      if (line.startsWith("Uid:")) {
        return OptionalLong.of(Long.parseLong(line.substring(4).trim().split("\\s+")[0]));
      }
    }
    return OptionalLong.empty();
  }

  /** The value of a {@code NAME: N kB} line, in bytes. */
  private static OptionalLong kilobytes(List<String> lines, String name) {
    for (String line : lines) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
      }
    }
    return OptionalLong.empty();
  }

  private static boolean isPid(Path dir) {
    String name = dir.getFileName().toString();
    return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
