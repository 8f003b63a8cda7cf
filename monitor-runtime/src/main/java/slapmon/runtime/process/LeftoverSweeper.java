package slapmon.runtime.process;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * The safety net behind each run's own kill. A run's look for its leftovers reads the environment
 * of each process once the run ends; a daemon caught between two programs for longer than that
 * look's patience (a loaded machine, {@code nice 19}) is missed and would live on. The sweeper
 * instead follows every process of this runner's runs from the sweep after its creation: its
 * environment is read while it is still a plain fork of a marked process, and from then on it is
 * known by pid and start time, whatever it execs. When its run has ended and it is still there, it
 * gets SIGTERM, and SIGKILL at the next sweep. Call {@link #sweep} about once a second.
 *
 * <p>Each sweep reads the processes created since the previous one and those it could not read
 * then (for up to {@link #READINGS} sweeps), and checks those it follows: a cost in the number of
 * processes created, not in the number on the machine. Thread-safe.
 */
final class LeftoverSweeper {
  private static final System.Logger LOG = System.getLogger(LeftoverSweeper.class.getName());

  /**
   * How many sweeps read again a process whose environment could not be read (in an exec): at
   * {@code nice 19} on a loaded machine an exec can take seconds.
   */
  private static final int READINGS = 30;

  /** Deeper process trees than this are ordered as if this deep. */
  private static final int MAX_DEPTH = 64;

  private final byte[] entryPrefix;
  private final Set<String> activeRuns = ConcurrentHashMap.newKeySet();

  // Guarded by this.
  private long nextPid;
  private final Map<ProcessHandle, String> followed = new HashMap<>();
  private Map<Long, Integer> unread = new HashMap<>();
  private final Set<ProcessHandle> terminated = new HashSet<>();

  /**
   * Follows the processes whose environment holds {@code entryPrefix} followed by a run's tag,
   * created from now on.
   */
  LeftoverSweeper(String entryPrefix) {
    this.entryPrefix = entryPrefix.getBytes(StandardCharsets.UTF_8);
    long last = ProcTable.lastPid();
    this.nextPid = last < 0 ? -1 : last + 1;
  }

  /** The run with {@code tag} starts: its processes are left alone until {@link #ended}. */
  void started(String tag) {
    activeRuns.add(tag);
  }

  /** The run with {@code tag} has killed what it found: what the next sweeps find is left over. */
  void ended(String tag) {
    activeRuns.remove(tag);
  }

  /** One sweep; returns how many processes it signalled. */
  synchronized int sweep() {
    long last = ProcTable.lastPid();
    LongPredicate created =
        nextPid < 0 || last < 0
            ? pid -> true
            : last == nextPid - 1 ? pid -> false : new ProcTable.PidWindow(nextPid, last)::holds;
    // Only what this sweep still could not read is read again by the next: a pid read, gone or
    // exiting since drops out.
    Map<Long, Integer> stillUnread = new HashMap<>();
    for (ProcTable.Sighting sighting : ProcTable.sight(created, unread.keySet(), entryPrefix)) {
      switch (sighting.kind()) {
        case HOLDS ->
            ProcessHandle.of(sighting.pid()).ifPresent(p -> followed.put(p, sighting.value()));
        case LACKS -> {}
        case UNDECIDED -> {
          int readings = unread.getOrDefault(sighting.pid(), 0) + 1;
          if (readings < READINGS) {
            stillUnread.put(sighting.pid(), readings);
          }
        }
      }
    }
    unread = stillUnread;
    if (last >= 0) {
      nextPid = last + 1;
    }
    return signalLeftovers();
  }

  private int signalLeftovers() {
    List<Map.Entry<ProcessHandle, String>> due = new ArrayList<>();
    Iterator<Map.Entry<ProcessHandle, String>> it = followed.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<ProcessHandle, String> entry = it.next();
      if (!ProcTable.running(entry.getKey())) {
        it.remove();
        terminated.remove(entry.getKey());
      } else if (!activeRuns.contains(entry.getValue())) {
        due.add(Map.entry(entry.getKey(), entry.getValue()));
      }
    }
    // Parents before their children: a shell whose child dies first can fork the next command
    // before its own signal arrives, and that new process would outlive this sweep.
    Map<ProcessHandle, Integer> depth = new HashMap<>();
    due.forEach(entry -> depth.put(entry.getKey(), ancestors(entry.getKey())));
    due.sort(Comparator.comparing(entry -> depth.get(entry.getKey())));
    for (Map.Entry<ProcessHandle, String> entry : due) {
      ProcessHandle process = entry.getKey();
      boolean kill = terminated.contains(process);
      if (kill) {
        process.destroyForcibly();
        terminated.remove(process);
        followed.remove(process);
      } else {
        process.destroy();
        terminated.add(process);
      }
      LOG.log(
          Level.WARNING,
          "event=leftover-signalled pid={0,number,#} signal={1} run={2} reason=outlived its run",
          process.pid(), kill ? "KILL" : "TERM", entry.getValue());
    }
    return due.size();
  }

  private static int ancestors(ProcessHandle process) {
    int count = 0;
    for (Optional<ProcessHandle> parent = process.parent();
        parent.isPresent() && count < MAX_DEPTH;
        parent = parent.get().parent()) {
      count++;
    }
    return count;
  }
}
