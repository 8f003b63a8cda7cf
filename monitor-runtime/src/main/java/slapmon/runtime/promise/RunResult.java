package slapmon.runtime.promise;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import slapmon.runtime.json.Json;
import slapmon.runtime.process.LegacyStatus;
import slapmon.runtime.process.NagiosStatus;
import slapmon.runtime.process.ProcessOutcome;

/** The outcome of one run of an executable, in the terms the published documents use. */
record RunResult(
    Executable executable,
    Instant start,
    Duration took,
    LegacyStatus status,
    NagiosStatus nagios,
    int returnCode,
    String message,
    ResultOrigin origin) {
  /** A run of the executable itself. */
  RunResult(
      Executable executable, Instant start, Duration took, LegacyStatus status,
      NagiosStatus nagios, int returnCode, String message) {
    this(
        executable, start, took, status, nagios, returnCode, message,
        ResultOrigin.of(executable));
  }

  RunResult {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nagios, "nagios");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(origin, "origin");
  }

  boolean ok() {
    return status == LegacyStatus.OK;
  }

  /** What a published status document shows of a result: two results that show alike are one. */
  record Shown(String status, String nagios, String message, Optional<String> date) {
    /**
     * A verdict the monitor observed (a slapgrid result missing, stale or malformed: UNKNOWN, no
     * process) is dated when observed, each time: its date does not tell one from another.
     */
    static Shown of(String status, String nagios, String message, int returnCode, String date) {
      boolean observed =
          nagios.equals(NagiosStatus.UNKNOWN.name()) && returnCode == ProcessOutcome.NO_EXIT_CODE;
      return new Shown(status, nagios, message, observed ? Optional.empty() : Optional.of(date));
    }
  }

  Shown shown() {
    return Shown.of(status.name(), nagios.name(), message, returnCode, Json.slaposDate(start));
  }
}
