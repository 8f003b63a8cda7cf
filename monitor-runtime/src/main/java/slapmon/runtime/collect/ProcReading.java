package slapmon.runtime.collect;

import java.util.Optional;

/**
 * One process's counters as {@code /proc} gives them: its real uid and parent, CPU and start in
 * clock ticks, RSS in bytes, I/O only when {@code /proc/PID/io} was readable.
 */
record ProcReading(
    long pid,
    long uid,
    long parent,
    long startTicks,
    long cpuTicks,
    long threads,
    long rssBytes,
    Optional<Io> io) {

  /** Bytes read and written by storage I/O, and read and write system calls. */
  record Io(long bytes, long calls) {}

  /** What identifies this process across samples, where a pid alone may be reused. */
  String key() {
    return pid + "-" + startTicks;
  }
}
