package slapmon.runtime.plugin;

import java.util.Optional;

/**
 * What one plugin's turn in a pass came to.
 *
 * @param title the plugin's file name without {@code .py}
 * @param outcome how it went
 * @param failed what the result says, when there is one (for {@link Outcome#NOT_DUE}, the result
 *     of its last run, when it has one)
 * @param message the result's message, or why there is none
 */
public record PluginRun(String title, Outcome outcome, Optional<Boolean> failed, String message) {
  public enum Outcome {
    /** sense() then anomaly() or test() gave a result, written as slapgrid writes it. */
    RAN,
    /** The plugin ran past the timeout; its group was killed; the timeout result was written. */
    TIMEOUT,
    /** The run ended without a result (it raised before sending one); that result was written. */
    NO_OUTPUT,
    /** The plugin checks nothing in this mode (test-less or anomaly-less): nothing written. */
    DISABLED,
    /** Its periodicity says not yet: nothing ran, the last result stands. */
    NOT_DUE,
    /** It ran but sent the launcher's empty result: nothing written. */
    EMPTY,
    /** The worker could not run it (it failed, hung or could not start); nothing written. */
    NOT_RUN
  }

  /** Whether this turn counts as a failure, as slapgrid counts its pass. */
  public boolean countsAsFailure() {
    return failed.orElse(outcome == Outcome.NOT_RUN);
  }
}
