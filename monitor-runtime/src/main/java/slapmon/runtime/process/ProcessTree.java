package slapmon.runtime.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Everything one run started, killed with SIGTERM and then SIGKILL after a grace: the process, its
 * descendants and every process whose environment carries the run's tag, which finds those that a
 * double fork re-parented out of the descendants.
 */
final class ProcessTree {
  /** The environment variable that marks every process started by one run. */
  static final String TAG_VARIABLE = "SLAPMON_RUN";

  static final Duration GRACE = Duration.ofSeconds(1);
  private static final long POLL_MILLIS = 10;
  private static final int FINAL_LOOKS = 5;

  private final Process root;
  private final String tagEntry;
  /** Pids never read: the root (known by its handle) and other runs' own processes. */
  private final LongPredicate notToRead;

  /**
   * @param otherRuns whether a pid is another run's own process (those carry their run's tag, not
   *     this one's)
   */
  ProcessTree(Process root, String tag, LongPredicate otherRuns) {
    this.root = root;
    this.tagEntry = TAG_VARIABLE + "=" + tag;
    long rootPid = root.pid();
    this.notToRead = pid -> pid == rootPid || otherRuns.test(pid);
  }

  /** Kills the process and everything it started. Never blocks longer than about the grace. */
  void kill() {
    // Descendants first: once the root is dead its children are re-parented and no longer listed.
    Set<ProcessHandle> members = new LinkedHashSet<>();
    root.descendants().forEach(members::add);
    members.add(root.toHandle());
    members.addAll(ProcTable.withEnvironmentEntry(tagEntry, root.pid(), notToRead));
    terminate(members);
  }

  /** Kills whatever the run left running after its process exited. */
  void killLeftovers() {
    List<ProcessHandle> left = ProcTable.withEnvironmentEntry(tagEntry, root.pid(), notToRead);
    if (!left.isEmpty()) {
      terminate(new LinkedHashSet<>(left));
    }
  }

  private void terminate(Set<ProcessHandle> members) {
    members.forEach(ProcessHandle::destroy);
    awaitGone(members, System.nanoTime() + GRACE.toNanos());
    // SIGKILL what is known first; then look for what forked during the grace, which carries the
    // tag too. A process can also fork between a look and its SIGKILL (on a loaded machine a shell
    // may need the whole grace to get that far): look again until a look finds nobody new alive.
    // Killed processes fork no more.
    Set<ProcessHandle> killed = new HashSet<>();
    for (int look = 0; look < FINAL_LOOKS; look++) {
      List<ProcessHandle> alive = aliveNotKilled(members, killed);
      alive.forEach(ProcessHandle::destroyForcibly);
      killed.addAll(alive);
      members.addAll(ProcTable.withEnvironmentEntry(tagEntry, root.pid(), notToRead));
      if (aliveNotKilled(members, killed).isEmpty()) {
        return;
      }
    }
  }

  private static List<ProcessHandle> aliveNotKilled(
      Set<ProcessHandle> members, Set<ProcessHandle> killed) {
    return members.stream().filter(p -> !killed.contains(p) && ProcTable.running(p)).toList();
  }

  private static void awaitGone(Set<ProcessHandle> members, long deadlineNanos) {
    List<ProcessHandle> running = new ArrayList<>(members);
    while (true) {
      running.removeIf(p -> !ProcTable.running(p));
      if (running.isEmpty() || System.nanoTime() >= deadlineNanos) {
        return;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // skip the rest of the grace, go straight to SIGKILL
        return;
      }
    }
  }
}
