package slapmon.runtime.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a process's laid-out environment said of one variable (its value, or none), kept until its
 * pid can have been handed out again: with runs in parallel, every run's look used to read the
 * environment of the same foreign processes (docs/benchmarks.md, "Issue 19, run19"). A process's
 * environment as {@code /proc} shows it changes only at an exec, and an exec keeps a mark or drops
 * it: a process read without the variable was not forked from a marked one (a fork reads as its
 * parent's environment), so no exec of it carries a run's tag.
 *
 * <p>Pids are handed out in increasing order up to {@code pid_max}, then from the bottom again;
 * this class counts the wraps from the last pid the looks read, so that a pid is known again only
 * once the allocator may have handed it out anew. A look trusts a reading only to leave a process
 * unread ({@link Known#LACKS}); one that holds the mark is read again before it is signalled.
 * Thread-safe.
 */
final class MarkReadings {
  private static final int LIMIT = 65536;

  /** One reading: {@code value} is null when the variable is not set. */
  private record Reading(String variable, String value, long validBefore) {}

  private final long pidMax;
  private final Map<Long, Reading> readings = new ConcurrentHashMap<>();

  // Guarded by this.
  private long wraps;
  private long highest = -1;

  /** Readings are never kept when {@code pidMax} is not positive. */
  MarkReadings(long pidMax) {
    this.pidMax = pidMax;
  }

  /** With the system's {@code pid_max}; keeps nothing where it cannot be read. */
  static MarkReadings ofSystem() {
    try {
      return new MarkReadings(
          Long.parseLong(
              Files.readString(Path.of("/proc/sys/kernel/pid_max"), StandardCharsets.US_ASCII)
                  .trim()));
    } catch (Exception unknown) {
      return new MarkReadings(0);
    }
  }

  /**
   * Where the pid allocator stands, given the last pid it handed out (read just now): a count
   * that only grows, or -1 when unknown. A reading older than one already seen counts as of its
   * own cycle.
   */
  synchronized long position(long lastPid) {
    if (pidMax <= 0 || lastPid < 0) {
      return -1;
    }
    if (highest >= 0 && lastPid < highest - pidMax / 2) {
      wraps++;
      highest = lastPid;
    } else if (highest >= 0 && lastPid > highest + pidMax / 2) {
      return (wraps - 1) * pidMax + lastPid; // read before the last wrap
    } else {
      highest = Math.max(highest, lastPid);
    }
    return wraps * pidMax + lastPid;
  }

  /**
   * Keeps what the environment of {@code pid} said of {@code variable} (the value, null when not
   * set), read when the allocator stood at {@code now}.
   */
  void remember(long pid, String variable, String value, long now) {
    if (now < 0) {
      return;
    }
    long cycleStart = now - now % pidMax;
    long lastPid = now % pidMax;
    // Until the allocator comes to this pid again: later in this cycle (the pid was handed out in
    // the previous one) or in the next.
    long validBefore = pid > lastPid ? cycleStart + pid : cycleStart + pidMax + pid;
    if (readings.size() >= LIMIT) {
      readings.clear();
    }
    readings.put(pid, new Reading(variable, value, validBefore));
  }

  /**
   * Whether {@code pid}'s environment was read at this {@code now}'s process, with {@code
   * variable}; then {@code value} gets whether it held exactly {@code expected}.
   */
  Known known(long pid, String variable, String expected, long now) {
    Reading reading = readings.get(pid);
    if (reading == null || now < 0 || now >= reading.validBefore()
        || !reading.variable().equals(variable)) {
      return Known.UNKNOWN;
    }
    return Objects.equals(reading.value(), expected) ? Known.HOLDS : Known.LACKS;
  }

  enum Known {
    UNKNOWN,
    HOLDS,
    LACKS
  }
}
