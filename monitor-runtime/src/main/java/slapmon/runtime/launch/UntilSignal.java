package slapmon.runtime.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until SIGTERM or SIGINT, then stops what it started and ends
 * the process with {@link ExitCode#OK}: a stop asked for is a clean end, not a failure (the JVM
 * would exit 143 or 130, which systemd and supervisord report as a crash).
 */
final class UntilSignal {
  /** What to stop; may throw, which is reported, not rethrown. */
  interface Stop {
    void run() throws IOException;
  }

  private UntilSignal() {}

  /** Registers {@code stop} to run on a signal, then waits for it to have run. */
  static void await(Stop stop, PrintWriter err) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              int code = ExitCode.OK;
              try {
                stop.run();
              } catch (IOException e) {
                err.println("slapmon: while stopping: " + e.getMessage());
                code = ExitCode.FAILED;
              } finally {
                err.flush();
                stopped.countDown();
              }
              // Only a signal runs this hook (the command never returns while it waits), and
              // everything is stopped: the JVM's own exit code would say 128 + the signal.
              Runtime.getRuntime().halt(code);
            },
            "slapmon-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
  }
}
