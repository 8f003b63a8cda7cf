package slapmon.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command alive until SIGTERM or SIGINT, then stops what it started. */
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
              try {
                stop.run();
              } catch (IOException e) {
                err.println("slapmon: while stopping: " + e.getMessage());
                err.flush();
              } finally {
                stopped.countDown();
              }
            },
            "slapmon-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
  }
}
