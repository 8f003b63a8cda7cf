package slapmon.runtime.parameters;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an edit did with one submitted entry: its outcome, why when it was not applied, and a
 * warning about something that went wrong after it was applied (the graceful program).
 */
public record KeyResult(KeyResult.Outcome outcome, Optional<String> reason, Optional<String> warning) {
  /** The reason given to every valid key of an edit that was refused because of another. */
  public static final String ANOTHER_REFUSED = "not applied: another key was refused";

  /** The outcome of one key, written in lower case with hyphens in config.result.json. */
  public enum Outcome {
    APPLIED,
    UNCHANGED,
    REFUSED,
    NOT_APPLIED,
    FAILED;

    public String json() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public KeyResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(warning, "warning");
    boolean done = outcome == Outcome.APPLIED || outcome == Outcome.UNCHANGED;
    if (done == reason.isPresent()) {
      throw new IllegalArgumentException(
          "a reason goes with refused, not-applied and failed only; got " + outcome + " " + reason);
    }
  }

  static KeyResult applied() {
    return new KeyResult(Outcome.APPLIED, Optional.empty(), Optional.empty());
  }

  static KeyResult appliedWithWarning(String warning) {
    return new KeyResult(Outcome.APPLIED, Optional.empty(), Optional.of(warning));
  }

  static KeyResult unchanged() {
    return new KeyResult(Outcome.UNCHANGED, Optional.empty(), Optional.empty());
  }

  static KeyResult refused(String reason) {
    return new KeyResult(Outcome.REFUSED, Optional.of(reason), Optional.empty());
  }

  static KeyResult notApplied() {
    return new KeyResult(Outcome.NOT_APPLIED, Optional.of(ANOTHER_REFUSED), Optional.empty());
  }

  static KeyResult failed(String reason) {
    return new KeyResult(Outcome.FAILED, Optional.of(reason), Optional.empty());
  }
}
