package slapmon.runtime.launch;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Entry point of {@code slapmon.jar}. */
public final class Main {
  /** What a thread may keep of the direct buffers NIO lends it (unless given with -D). */
  static final String MAX_CACHED_BUFFER = "jdk.nio.maxCachedBufferSize";

  static {
    // Reading or writing a file through NIO with a heap buffer borrows a direct buffer of the
    // same size, which the JDK then keeps per thread, whatever its size, for the thread's life.
    // With 64 promise workers copying history files that grow all day, that cache was most of
    // the resident memory growth of the soak (docs/reliability.md). Set here, in the first class
    // the JVM loads, because the JDK reads the property once, at its first such I/O.
    if (System.getProperty(MAX_CACHED_BUFFER) == null) {
      System.setProperty(MAX_CACHED_BUFFER, String.valueOf(256 * 1024));
    }
    // Before anything starts a process (the certificate, the plugin worker, the promises).
    slapmon.runtime.process.SpawnMechanism.choose();
  }

  private Main() {}

  public static void main(String[] args) {
    LibraryLogging.format();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * {@code slapmon run} as the service wrapper starts it, without loading picocli (whose classes
   * even the verification of {@link SlapmonCommand} loads); a failure told as picocli's handler
   * tells it.
   */
  private static int runWithoutPicocli(RunArguments run, PrintWriter out, PrintWriter err) {
    try {
      return RunCommand.run(ConfigOption.of(run.config()), run.periodSeconds(), out, err);
    } catch (Exception e) {
      err.println("slapmon: " + FailureText.of(e));
      return ExitCode.FAILED;
    }
  }

  /** Runs the command line; returns the exit code (see {@link ExitCode}). Never calls exit. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      Optional<RunArguments> monitor = RunArguments.of(args);
      if (monitor.isPresent()) {
        StartWarmUp.begin();
        return runWithoutPicocli(monitor.get(), out, err);
      }
      LibraryLogging.quiet();
      return SlapmonCommand.execute(args, out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
