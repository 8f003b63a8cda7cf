package slapmon.runtime.promise;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import slapmon.runtime.process.NagiosStatus;

/**
 * How many runs of each promise and report this process made since it started, how many failed
 * (any status but OK) and how many of those timed out: the {@code _total} counters of the metrics.
 * Thread-safe; counts are never reset while the process lives, as Prometheus counters expect.
 */
public final class RunCounters {
  private static final int RUNS = 0;
  private static final int FAILURES = 1;
  private static final int TIMEOUTS = 2;

  /** The counts of one promise ({@code report == false}) or report. */
  public record Count(boolean report, String title, long runs, long failures, long timeouts) {}

  private final Map<Count, AtomicLongArray> counts = new ConcurrentHashMap<>();

  void record(RunResult result) {
    Executable executable = result.executable();
    Count key = new Count(executable.kind() == Kind.REPORT, executable.title(), 0, 0, 0);
    AtomicLongArray count = counts.computeIfAbsent(key, k -> new AtomicLongArray(3));
    count.incrementAndGet(RUNS);
    if (!result.ok()) {
      count.incrementAndGet(FAILURES);
    }
    if (result.nagios() == NagiosStatus.TIMEOUT) {
      count.incrementAndGet(TIMEOUTS);
    }
  }

  /** Every promise and report run so far, by title. */
  public List<Count> snapshot() {
    return counts.entrySet().stream()
        .map(
            e ->
                new Count(
                    e.getKey().report(),
                    e.getKey().title(),
                    e.getValue().get(RUNS),
                    e.getValue().get(FAILURES),
                    e.getValue().get(TIMEOUTS)))
        .sorted(Comparator.comparing(Count::title))
        .toList();
  }
}
