package slapmon.runtime.process;

/**
 * What a run means under the Nagios plugin convention (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN),
 * kept beside the legacy OK/ERROR status; any other exit code or a failure to start is ERROR, and a
 * run killed for its timeout is TIMEOUT.
 */
public enum NagiosStatus {
  OK,
  WARNING,
  CRITICAL,
  UNKNOWN,
  ERROR,
  TIMEOUT;

  public static NagiosStatus of(ProcessOutcome outcome) {
    if (outcome.launchError().isPresent()) {
      return ERROR;
    }
    if (outcome.timedOut()) {
      return TIMEOUT;
    }
    switch (outcome.exitCode()) {
      case 0:
        return OK;
      case 1:
        return WARNING;
      case 2:
        return CRITICAL;
      case 3:
        return UNKNOWN;
      default:
        return ERROR;
    }
  }
}
