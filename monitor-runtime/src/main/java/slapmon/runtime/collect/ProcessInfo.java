package slapmon.runtime.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import slapmon.runtime.process.ProcStat;

/** What the legacy collect adds about a live process: its name, argv, user and start time. */
record ProcessInfo(String name, List<String> command, String user, Instant started) {
  ProcessInfo {
    command = List.copyOf(command);
  }

  /** The live process {@code pid} as {@code proc} shows it, or empty when it has ended. */
  static Optional<ProcessInfo> of(ProcFs proc, long pid, long bootSeconds) {
    Path dir = proc.processDir(pid);
    try {
      // A command name need not be UTF-8: what is not shows as U+FFFD rather than hiding it.
      String name =
          new String(Files.readAllBytes(dir.resolve("comm")), StandardCharsets.UTF_8).strip();
      long startTicks = ProcStat.read(dir).orElseThrow().number(22);
      Instant started =
          Instant.ofEpochMilli(bootSeconds * 1000 + startTicks * 1000 / ProcFs.TICKS_PER_SECOND);
      String user = ProcessHandle.of(pid).flatMap(p -> p.info().user()).orElse("");
      return Optional.of(new ProcessInfo(name, command(dir), user, started));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /** The NUL-separated {@code cmdline}, empty for a kernel thread or a zombie. */
  private static List<String> command(Path dir) throws IOException {
    String line = Files.readString(dir.resolve("cmdline"), StandardCharsets.UTF_8);
    if (line.isEmpty()) {
      return List.of();
    }
    if (line.endsWith("\0")) {
      line = line.substring(0, line.length() - 1);
    }
    return List.of(line.split("\0", -1));
  }
}
