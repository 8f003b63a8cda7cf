package slapmon.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One {@code /proc/PID/stat} line, its fields numbered as proc(5) numbers them: 1 the pid, 2 the
 * command name in parentheses, 3 the state, 4 the parent's pid, 9 the flags, 14 and 15 the user
 * and system CPU time, 20 the number of threads, 22 the start time. The command name may hold
 * spaces, parentheses and any byte, so the fields after it start after its last {@code )}.
 */
public final class ProcStat {
  private final String[] afterName; // field 3 onwards

  private ProcStat(String[] afterName) {
    this.afterName = afterName;
  }

  /**
   * The fields of {@code line}.
   *
   * @throws IllegalArgumentException when it is not a stat line
   */
  public static ProcStat parse(String line) {
    int end = line.lastIndexOf(')');
    if (end < 0 || end + 2 >= line.length()) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: no fields after the name");
    }
    return new ProcStat(line.substring(end + 2).strip().split(" "));
  }

  /** The stat of the process of {@code processDir}; empty when it is gone or unreadable. */
  public static Optional<ProcStat> read(Path processDir) {
    try {
      // Bytes as they are: a command name need not be ASCII, nor even UTF-8.
      return Optional.of(
          parse(new String(Files.readAllBytes(processDir.resolve("stat")),
              StandardCharsets.ISO_8859_1)));
    } catch (IOException | IllegalArgumentException gone) {
      return Optional.empty();
    }
  }

  /** Field 3: R, S, D, Z, X… */
  public char state() {
    return afterName[0].charAt(0);
  }

  /**
   * The numeric field {@code field} (3 or more).
   *
   * @throws IllegalArgumentException when the line has no such number
   */
  public long number(int field) {
    if (field < 3 || field - 3 >= afterName.length) {
      throw new IllegalArgumentException("no field " + field + " in /proc/PID/stat");
    }
    return Long.parseLong(afterName[field - 3]);
  }
}
