package slapmon.runtime;

/** The exit codes of every slapmon command. */
public final class ExitCode {
  /** It worked. */
  public static final int OK = 0;

  /** The command ran and something it checked or ran failed. */
  public static final int FAILED = 1;

  /** The command line or a configuration file is wrong; nothing was done. */
  public static final int USAGE = 2;

  private ExitCode() {}
}
