package slapmon.runtime.promise;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import slapmon.runtime.process.LegacyStatus;
import slapmon.runtime.process.NagiosStatus;

/** The outcome of one run of an executable, in the terms the published documents use. */
record RunResult(
    Executable executable,
    Instant start,
    Duration took,
    LegacyStatus status,
    NagiosStatus nagios,
    int returnCode,
    String message) {
  RunResult {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nagios, "nagios");
    Objects.requireNonNull(message, "message");
  }

  boolean ok() {
    return status == LegacyStatus.OK;
  }
}
