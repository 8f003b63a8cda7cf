package slapmon.runtime.state;

import java.util.List;
import java.util.Objects;

/**
 * What one publish saw: the global status, the counts behind it, the status files it had to skip
 * (unreadable, not JSON, or without a status or change-time), and whether the runner was stale.
 */
public record PublishSummary(
    String status, int success, int error, int warning, List<String> skipped, boolean runnerStale) {
  public PublishSummary {
    Objects.requireNonNull(status, "status");
    skipped = List.copyOf(skipped);
  }
}
