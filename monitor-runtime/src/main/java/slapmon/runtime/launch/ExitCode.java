package slapmon.runtime.launch;

import slapmon.runtime.task.TaskGuard;

/** The exit codes of every slapmon command. */
public final class ExitCode {
  /** It worked. */
  public static final int OK = 0;

  /** The command ran and something it checked or ran failed. */
  public static final int FAILED = 1;

  /** The command line or a configuration file is wrong; nothing was done. */
  public static final int USAGE = 2;

  /**
   * {@code slapmon run} or {@code demo} ended itself on a fatal error of the JVM (out of memory,
   * an internal error): a process that goes on after one only looks alive, so it ends for its
   * supervisor to restart it. The code {@code -XX:+ExitOnOutOfMemoryError} exits with too.
   */
  public static final int FATAL = TaskGuard.FATAL_EXIT_CODE;

  private ExitCode() {}
}
