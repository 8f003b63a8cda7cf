package slapmon.runtime.collect;

import java.util.Optional;

/**
 * What one collect run did: where its numbers came from, how many processes it found, and the
 * problem that kept it from reading them, if any (the series were then left as they were).
 */
public record CollectOutcome(Source source, int processes, Optional<String> problem) {
  /** The origin of the numbers. */
  public enum Source {
    /** The node-wide SlapOS collector SQLite database. */
    COLLECTOR_DB,
    /** The partition user's processes, sampled from {@code /proc} by slapmon itself. */
    PROC
  }

  public boolean ok() {
    return problem.isEmpty();
  }
}
