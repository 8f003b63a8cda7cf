package slapmon.runtime.process;

/**
 * The legacy {@code status} field of a status or report document: exit code 0 is OK, all else
 * ERROR.
 */
public enum LegacyStatus {
  OK,
  ERROR;

  /** OK only for a process that started, finished in time and exited 0. */
  public static LegacyStatus of(ProcessOutcome outcome) {
    boolean ok = outcome.launchError().isEmpty() && !outcome.timedOut() && outcome.exitCode() == 0;
    return ok ? OK : ERROR;
  }
}
