package slapmon.runtime.collect;

import java.io.IOException;

/** Where one period's numbers come from: the collector database or {@code /proc}. */
interface UsageSource {
  /** The partition's usage for the period ending at {@code now}; an IOException names the cause. */
  Collected collect(java.time.Instant now) throws IOException;

  CollectOutcome.Source kind();
}
