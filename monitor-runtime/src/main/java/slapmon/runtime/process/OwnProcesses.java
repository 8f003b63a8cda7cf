package slapmon.runtime.process;

import java.util.Map;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pids of the runs' own processes, which a run's look for its leftovers need not read: each
 * carries its own run's tag. A pid stays known after its process is reaped, for as long as a run
 * started before it is in flight: a look reads the pids handed out since its run's own process,
 * and a run ending before the others would otherwise leave in their windows a pid unknown, which
 * makes each of their looks list {@code /proc} (docs/benchmarks.md, "Issue 19, run19"). Pids are
 * handed out in increasing order, so such a pid is only ever another process's again after the
 * pid space wrapped around, which the look's window assumes does not happen during a run.
 * Thread-safe.
 */
final class OwnProcesses {
  private record Spawn(long pid, long order) {}

  private final AtomicLong orders = new AtomicLong();
  private final Map<Long, Long> known = new ConcurrentHashMap<>();
  private final Queue<Spawn> inOrder = new ConcurrentLinkedQueue<>();
  private final NavigableSet<Long> inFlight = new ConcurrentSkipListSet<>();

  /** A run's process was started with {@code pid}; returns the token for {@link #ended}. */
  long started(long pid) {
    long order = orders.incrementAndGet();
    inFlight.add(order);
    known.put(pid, order);
    inOrder.add(new Spawn(pid, order));
    return order;
  }

  /**
   * The run of {@code order} has ended (its process reaped, its look done): the pids started
   * before every run still in flight are forgotten.
   */
  void ended(long order) {
    inFlight.remove(order);
    Long oldest = inFlight.isEmpty() ? null : inFlight.first();
    for (Spawn head = inOrder.peek();
        head != null && (oldest == null || head.order() < oldest);
        head = inOrder.peek()) {
      if (inOrder.remove(head)) {
        known.remove(head.pid(), head.order());
      }
    }
  }

  boolean contains(long pid) {
    return known.containsKey(pid);
  }

  /** How many pids are known, for tests. */
  int size() {
    return known.size();
  }
}
