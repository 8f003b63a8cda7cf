package slapmon.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import slapmon.runtime.process.MarkReadings.Known;

/**
 * What Linux's {@code /proc} tells that {@link ProcessHandle} does not (which processes carry an
 * environment entry, which "alive" ones are zombies); without {@code /proc} it finds nothing.
 */
final class ProcTable {
  private static final Path PROC = Path.of("/proc");

  /**
   * Processes whose environment cannot be read (kernel threads, another user's processes), with
   * their start time: scanning after every run, each would cost two exceptions, which is most of a
   * scan's time. The start time tells a pid reused by a new process (possibly one of ours) from
   * the one remembered. A process that fails because it is exiting is not remembered: there are
   * hundreds a second when promises run every second, and its pid comes back. Bounded.
   */
  private static final Map<Long, Long> UNREADABLE = new ConcurrentHashMap<>();

  private static final int UNREADABLE_LIMIT = 65536;

  /**
   * How long to wait before reading again an environment that could not be read: doubled at each
   * look from 20 ms, then every 640 ms until the caller's patience runs out.
   */
  private static final long FIRST_PAUSE_MILLIS = 20;

  private static final long LONGEST_PAUSE_MILLIS = 640;

  /**
   * How long a look reads again a process caught in an exec that may be the run's: an exec is an
   * instant on an idle machine. One that takes longer on a loaded machine is left to the {@link
   * LeftoverSweeper}, so that no run waits for it.
   */
  static final Duration PATIENCE = Duration.ofMillis(1300);

  private static final long SELF = ProcessHandle.current().pid();

  /** The widest pid window that {@link PidWindow#unknown} checks pid by pid. */
  private static final long FEW_PIDS = 256;

  /** At most this many unknown pids in a window are read by pid rather than by listing /proc. */
  private static final int FEW_UNKNOWN = 32;

  private static final AtomicLong LISTINGS = new AtomicLong();

  /** What looks read of processes' marks, shared by all of them. */
  private static final MarkReadings MARKS = MarkReadings.ofSystem();

  /** Slapmon's start time in {@code /proc/PID/stat} units; -1 when unknown. */
  private static final long SELF_START = selfStart();

  /** {@code PF_KTHREAD} in the flags of {@code /proc/PID/stat}. */
  private static final long KERNEL_THREAD = 0x00200000L;

  private ProcTable() {}

  /**
   * Every live process whose initial environment holds exactly {@code entry} ({@code K=V}). A
   * process caught in the middle of an {@code exec} (a daemon double-forking away) has, for an
   * instant, an environment that cannot be read or that reads as empty (the kernel has replaced
   * its memory but not yet laid out the new program's arguments and environment): those are read
   * again, for up to {@link #PATIENCE}. A process whose arguments are laid out but whose
   * environment is empty has none ({@code env -i}): not ours, and remembered so that later scans
   * skip it.
   *
   * <p>Only processes created since {@code firstPid} (the run's own process) are read: pids are
   * handed out in increasing order, wrapping around, so whatever a run started has a pid from its
   * own up to the last one handed out. On a loaded machine that is a few hundred processes instead
   * of every process on it, after every run.
   */
  static List<ProcessHandle> withEnvironmentEntry(String entry, long firstPid) {
    return withEnvironmentEntry(entry, firstPid, pid -> false);
  }

  /**
   * As {@link #withEnvironmentEntry(String, long)}, but never reading the processes that {@code
   * known} says are not the run's (other runs' own processes, which the caller knows by pid): with
   * runs in parallel, those are most of the processes created since the run's own, and reading a
   * process's environment is the expensive part of a look. When every pid handed out since {@code
   * firstPid} is known, {@code /proc} is not even listed.
   */
  static List<ProcessHandle> withEnvironmentEntry(String entry, long firstPid, LongPredicate known) {
    return withEnvironmentEntry(entry, new PidWindow(firstPid, lastPid()), known);
  }

  /**
   * As {@link #withEnvironmentEntry(String, long, LongPredicate)} over the pids of {@code
   * window}. When only a few of them are unknown, those are read by pid without listing {@code
   * /proc}: a listing walks every process of the machine.
   */
  static List<ProcessHandle> withEnvironmentEntry(
      String entry, PidWindow window, LongPredicate known) {
    LongPredicate skipped = pid -> pid == SELF || known.test(pid);
    long[] unknown = window.unknown(skipped, FEW_UNKNOWN);
    if (unknown != null && unknown.length == 0) {
      return new ArrayList<>();
    }
    byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
    Sought sought = Sought.of(entry, MARKS.position(window.last()));
    List<ProcessHandle> found = new ArrayList<>();
    List<Path> undecided =
        unknown != null
            ? read(sought, unknown, found)
            : scan(sought, pid -> window.holds(pid) && !known.test(pid), found);
    long giveUp = System.nanoTime() + PATIENCE.toNanos();
    for (long pause = FIRST_PAUSE_MILLIS;
        !undecided.isEmpty() && System.nanoTime() < giveUp;
        pause = Math.min(2 * pause, LONGEST_PAUSE_MILLIS)) {
      pause(pause);
      List<Path> still = new ArrayList<>();
      for (Path dir : undecided) {
        byte[] environment = environment(dir);
        if (environment != null && environment.length > 0) {
          if (holds(environment, wanted)) {
            ProcessHandle.of(pidOf(dir)).ifPresent(found::add);
          }
        } else if (mayStillHold(environment, dir, wanted)) {
          still.add(dir);
        }
      }
      undecided = still;
    }
    return found;
  }

  /**
   * Waits {@code millis}, even when interrupted: a run being stopped is exactly when its
   * processes must all be found. The interrupt is kept for the caller.
   */
  private static void pause(long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    boolean interrupted = false;
    while (System.nanoTime() < until) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        interrupted = true;
        Thread.onSpinWait();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Adds the processes that hold {@code wanted} to {@code found}; returns those not read. */
  private static List<Path> scan(Sought wanted, LongPredicate window, List<ProcessHandle> found) {
    List<Path> undecided = new ArrayList<>();
    LISTINGS.incrementAndGet();
    // Listing /proc is much cheaper than ProcessHandle.allProcesses(), which reads every stat file.
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcTable::isPid)) {
      for (Path dir : entries) {
        long pid = Long.parseLong(dir.getFileName().toString());
        if (pid != SELF && window.test(pid)) {
          look(pid, dir, wanted, found, undecided);
        }
      }
    } catch (IOException | DirectoryIteratorException noProc) {
      // Not Linux, or /proc could not be listed: what was found so far is all there is.
    }
    return undecided;
  }

  /**
   * As {@link #scan}, for the given pids only. A pid that is a thread's (not listed in {@code
   * /proc}, but there by its number) reads as its process: a marked one is signalled through it.
   */
  private static List<Path> read(Sought wanted, long[] pids, List<ProcessHandle> found) {
    List<Path> undecided = new ArrayList<>();
    for (long pid : pids) {
      look(pid, PROC.resolve(Long.toString(pid)), wanted, found, undecided);
    }
    return undecided;
  }

  private static void look(
      long pid, Path dir, Sought wanted, List<ProcessHandle> found, List<Path> undecided) {
    if (stillUnreadable(pid, dir)) {
      return;
    }
    // A process known to lack the mark is left unread. One known to hold it is read again: a
    // pid is signalled only on what its environment says now (it may have exec'ed without the
    // mark, or, were the allocator's wraps miscounted, be another process).
    if (MARKS.known(pid, wanted.variable(), wanted.value(), wanted.now()) == Known.LACKS) {
      return;
    }
    byte[] environment = environment(dir);
    if (environment != null && environment.length > 0) {
      String value = valueAfter(environment, wanted.variableBytes());
      boolean holds = holds(environment, wanted.entry());
      if (holds == wanted.value().equals(value)) { // not when the variable is set twice
        MARKS.remember(pid, wanted.variable(), value, wanted.now());
      }
      if (holds) {
        ProcessHandle.of(pid).ifPresent(found::add);
      }
    } else if (environment != GONE) {
      Stat stat = Stat.of(dir);
      if (stat != null
          && !stat.exiting()
          && !rememberIfLasting(pid, dir, stat)
          && parentMayBeOfTheRun(stat.parent(), wanted.entry())) {
        undecided.add(dir); // in an exec, or without environment: decided by another look
      }
    }
  }

  /**
   * The entry a look wants ({@code K=V}: {@code variable} is {@code K=}), and where the pid
   * allocator stood ({@link MarkReadings#position}).
   */
  private record Sought(byte[] entry, String variable, byte[] variableBytes, String value, long now) {
    static Sought of(String entry, long now) {
      int equals = entry.indexOf('=');
      String variable = entry.substring(0, equals + 1);
      return new Sought(
          entry.getBytes(StandardCharsets.UTF_8), variable,
          variable.getBytes(StandardCharsets.UTF_8), entry.substring(equals + 1), now);
    }
  }

  /** How many times {@code /proc} was listed for a look, for tests. */
  static long listings() {
    return LISTINGS.get();
  }

  private static long selfStart() {
    Stat self = Stat.of(PROC.resolve(Long.toString(SELF)));
    return self == null ? -1 : self.startTime();
  }

  /** The pid handed out last, from {@code /proc/loadavg}; -1 when unknown. */
  static long lastPid() {
    try {
      String loadavg = Files.readString(PROC.resolve("loadavg"), StandardCharsets.US_ASCII);
      String[] fields = loadavg.trim().split(" ");
      return Long.parseLong(fields[fields.length - 1]);
    } catch (IOException | RuntimeException unknown) {
      return -1;
    }
  }

  /** The pids from {@code first} to {@code last}, wrapping around; every pid when last is -1. */
  record PidWindow(long first, long last) {
    boolean holds(long pid) {
      if (last < 0) {
        return true;
      }
      return first <= last ? pid >= first && pid <= last : pid >= first || pid <= last;
    }

    /**
     * Whether the window is a few pids, all of them {@code known}: a pid handed out to a thread or
     * to a process since gone counts as unknown, so a look with it lists {@code /proc}.
     */
    boolean allKnown(LongPredicate known) {
      long[] unknown = unknown(known, 0);
      return unknown != null && unknown.length == 0;
    }

    /**
     * The pids of the window that are not {@code known}, when the window is a few pids and at
     * most {@code limit} of them are unknown; null otherwise.
     */
    long[] unknown(LongPredicate known, int limit) {
      if (last < 0 || first > last || last - first >= FEW_PIDS) {
        return null;
      }
      long[] unknown = new long[limit];
      int count = 0;
      for (long pid = first; pid <= last; pid++) {
        if (!known.test(pid)) {
          if (count == limit) {
            return null;
          }
          unknown[count++] = pid;
        }
      }
      return Arrays.copyOf(unknown, count);
    }
  }

  /** What one reading of a process's environment told of an entry sought by its prefix. */
  record Sighting(long pid, Kind kind, String value) {
    enum Kind {
      /** The entry is there: {@link #value} is what follows the prefix. */
      HOLDS,
      /** The environment is laid out without the entry. */
      LACKS,
      /** Empty or unreadable for now (the middle of an exec): worth another reading. */
      UNDECIDED
    }
  }

  /**
   * Reads the environment of every live process whose pid is in {@code window} and of each pid in
   * {@code again}, for an entry starting with {@code prefix}; processes gone, exiting or that are
   * kernel threads are left out. Never waits.
   */
  static List<Sighting> sight(LongPredicate window, Set<Long> again, byte[] prefix) {
    List<Sighting> sightings = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcTable::isPid)) {
      for (Path dir : entries) {
        long pid = pidOf(dir);
        if (pid == SELF || !(window.test(pid) || again.contains(pid))) {
          continue;
        }
        Stat stat = Stat.of(dir);
        if (stat == null || stat.exiting() || (stat.flags() & KERNEL_THREAD) != 0) {
          continue;
        }
        byte[] environment = environment(dir);
        if (environment == GONE) {
          continue;
        }
        String value = environment == null ? null : valueAfter(environment, prefix);
        Sighting.Kind kind;
        if (value != null) {
          kind = Sighting.Kind.HOLDS;
        } else if (environment == null && !Files.isReadable(dir.resolve("environ"))) {
          kind = Sighting.Kind.LACKS; // another user's: not ours, and not ours to signal either
        } else if (environment == null || environment.length == 0) {
          kind = Sighting.Kind.UNDECIDED;
        } else {
          kind = Sighting.Kind.LACKS;
        }
        sightings.add(new Sighting(pid, kind, value));
      }
    } catch (IOException | DirectoryIteratorException noProc) {
      // Not Linux, or /proc could not be listed: nothing seen.
    }
    return sightings;
  }

  /** What follows {@code prefix} in the first entry of {@code environ} that starts with it. */
  static String valueAfter(byte[] environ, byte[] prefix) {
    int[] entry = entry(environ, prefix, false);
    return entry == null
        ? null
        : new String(
            environ, entry[0] + prefix.length, entry[1] - entry[0] - prefix.length,
            StandardCharsets.UTF_8);
  }

  /** Alive and not a zombie: a killed process whose parent has not reaped it yet counts as gone. */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    return ProcStat.read(PROC.resolve(Long.toString(process.pid())))
        .map(stat -> stat.state() != 'Z' && stat.state() != 'X')
        .orElseGet(process::isAlive);
  }

  private static boolean isPid(Path dir) {
    String name = dir.getFileName().toString();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !name.isEmpty();
  }

  /**
   * The process's initial environment; empty when the process is gone or has no memory (a kernel
   * thread, a process exiting or in the middle of an exec); null when it cannot be read (another
   * user's process, or one exiting or in an exec).
   */
  private static byte[] environment(Path processDir) {
    try {
      return Files.readAllBytes(processDir.resolve("environ"));
    } catch (java.nio.file.NoSuchFileException ended) {
      return GONE;
    } catch (IOException | SecurityException unreadable) {
      return null;
    }
  }

  /** What {@link #environment} returns for a process that ended while we listed. */
  private static final byte[] GONE = new byte[0];

  /**
   * Whether a process whose environment read as {@code environment} (null or empty) may still
   * turn out to hold the entry: not when it is gone or exiting. Kernel threads and other users'
   * processes are left to {@link #rememberIfLasting}.
   */
  private static boolean mayStillHold(byte[] environment, Path dir, byte[] wanted) {
    if (environment == GONE) {
      return false;
    }
    Stat stat = Stat.of(dir);
    if (stat == null || stat.exiting() || !parentMayBeOfTheRun(stat.parent(), wanted)) {
      return false;
    }
    if (environment != null && hasArguments(dir)) {
      remember(pidOf(dir), stat); // env -i: it will never hold the entry
      return false;
    }
    return true;
  }

  /**
   * Whether a process whose own environment tells nothing yet (it is in an exec) may be one of the
   * run's, judging by its {@code parent}. Not when the parent is slapmon (it is another run's own
   * process: the run's own is known by its handle) or when the parent's environment is readable and
   * lacks the entry (a child of another run or of an unrelated program). A parent older than
   * slapmon (init, a subreaper) may have adopted a daemon that forked away from the run: that one
   * is waited for, as is a parent that is itself between two programs or gone.
   *
   * <p>Without this, every look waited for whichever process on the machine happened to be in an
   * exec, and under load there always is one: runs of well-behaved promises waited seconds.
   */
  static boolean parentMayBeOfTheRun(long parent, byte[] wanted) {
    if (parent == SELF) {
      return false;
    }
    Path parentDir = PROC.resolve(Long.toString(parent));
    Stat stat = Stat.of(parentDir);
    if (stat == null || SELF_START < 0 || stat.startTime() <= SELF_START) {
      return true;
    }
    byte[] environment = environment(parentDir);
    return environment == null || environment.length == 0 || holds(environment, wanted);
  }

  /** Whether the process's arguments are laid out: false in the middle of an exec, or when gone. */
  private static boolean hasArguments(Path processDir) {
    try (var cmdline = Files.newInputStream(processDir.resolve("cmdline"))) {
      return cmdline.read() >= 0;
    } catch (IOException | SecurityException unreadable) {
      return false;
    }
  }

  private static long pidOf(Path processDir) {
    return Long.parseLong(processDir.getFileName().toString());
  }

  /** Whether {@code pid} is the very process remembered as unreadable (not a reuse of its pid). */
  private static boolean stillUnreadable(long pid, Path dir) {
    Long remembered = UNREADABLE.get(pid);
    if (remembered == null) {
      return false;
    }
    Stat stat = Stat.of(dir);
    if (stat != null && stat.startTime() == remembered) {
      return true;
    }
    UNREADABLE.remove(pid);
    return false;
  }

  /**
   * Remembers kernel threads and processes we may not read, and says so; false for the others
   * (between two programs), whose failure is passing.
   */
  private static boolean rememberIfLasting(long pid, Path dir, Stat stat) {
    boolean denied = !Files.isReadable(dir.resolve("environ"));
    if ((stat.flags() & KERNEL_THREAD) == 0 && !denied) {
      return false;
    }
    remember(pid, stat);
    return true;
  }

  private static void remember(long pid, Stat stat) {
    if (UNREADABLE.size() >= UNREADABLE_LIMIT) {
      UNREADABLE.clear();
    }
    UNREADABLE.put(pid, stat.startTime());
  }

  /** The fields of {@code /proc/PID/stat} we use; null when the process is gone. */
  private record Stat(char state, long parent, long flags, long startTime) {
    boolean exiting() {
      return state == 'Z' || state == 'X' || state == 'x';
    }

    static Stat of(Path processDir) {
      try {
        return ProcStat.read(processDir)
            .map(stat -> new Stat(stat.state(), stat.number(4), stat.number(9), stat.number(22)))
            .orElse(null);
      } catch (RuntimeException malformed) {
        return null;
      }
    }
  }

  /** For tests: whether {@code pid} is skipped by scans without reading its environment. */
  static boolean remembered(long pid) {
    return UNREADABLE.containsKey(pid);
  }

  /** For tests: as if {@code pid} had been found unreadable when it started at {@code startTime}. */
  static void rememberUnreadable(long pid, long startTime) {
    UNREADABLE.put(pid, startTime);
  }

  /** Whether the NUL-separated {@code environ} holds {@code wanted} as one whole entry. */
  static boolean holds(byte[] environ, byte[] wanted) {
    return entry(environ, wanted, true) != null;
  }

  /**
   * The bounds ({@code [start, end)}) of the first NUL-separated entry of {@code environ} that is
   * {@code bytes} ({@code whole}) or starts with them; null when there is none.
   */
  private static int[] entry(byte[] environ, byte[] bytes, boolean whole) {
    int start = 0;
    while (start < environ.length) {
      int end = start;
      while (end < environ.length && environ[end] != 0) {
        end++;
      }
      int length = end - start;
      if ((whole ? length == bytes.length : length >= bytes.length)
          && Arrays.equals(environ, start, start + bytes.length, bytes, 0, bytes.length)) {
        return new int[] {start, end};
      }
      start = end + 1;
    }
    return null;
  }
}
