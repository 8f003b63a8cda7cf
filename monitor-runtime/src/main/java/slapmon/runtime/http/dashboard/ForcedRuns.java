package slapmon.runtime.http.dashboard;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which forced runs are in flight, so that an authenticated client cannot make the monitor start
 * runs without bound: one per promise, none beside a run of all promises, at most {@link
 * #MAX_IN_FLIGHT} at once.
 */
final class ForcedRuns {
  static final int MAX_IN_FLIGHT = 2;

  /** Why a run was not started: the HTTP status and a sentence. */
  record Refusal(int status, String reason) {}

  private final Set<Optional<String>> inFlight = new HashSet<>();

  /** Starts {@code title} (empty: all) unless refused; {@link #done} must follow a start. */
  synchronized Optional<Refusal> start(Optional<String> title) {
    if (inFlight.contains(title) || inFlight.contains(Optional.<String>empty())
        || (title.isEmpty() && !inFlight.isEmpty())) {
      return Optional.of(new Refusal(409, "a forced run of "
          + (inFlight.contains(Optional.<String>empty()) || title.isEmpty() ? "the promises"
              : title.get())
          + " is in progress"));
    }
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      return Optional.of(
          new Refusal(429, MAX_IN_FLIGHT + " forced runs are in progress; try again later"));
    }
    inFlight.add(title);
    return Optional.empty();
  }

  synchronized void done(Optional<String> title) {
    inFlight.remove(title);
  }
}
