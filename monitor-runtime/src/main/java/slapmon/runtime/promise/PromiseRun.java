package slapmon.runtime.promise;

import java.time.Instant;
import java.util.Objects;
import slapmon.runtime.process.NagiosStatus;

/**
 * One run of a promise as a {@link RunListener} sees it: slapmon's own run, or a new result of
 * slapgrid's.
 *
 * @param failed whether the legacy status is ERROR
 */
public record PromiseRun(
    String title, Instant start, boolean failed, NagiosStatus nagios, String message) {
  public PromiseRun {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(nagios, "nagios");
    Objects.requireNonNull(message, "message");
  }

  static PromiseRun of(RunResult result) {
    return new PromiseRun(
        result.executable().title(), result.start(), !result.ok(), result.nagios(),
        result.message());
  }
}
