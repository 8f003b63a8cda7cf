package slapmon.runtime.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the monitor's file writes are failing (a full disk, a read-only folder), for its global
 * state and {@code /metrics}, and its log: one line when writes start failing, one when they work
 * again, not one per file per period. On a nearly full disk small writes succeed between failed
 * ones; the log then says "failing" at most once a minute. Fed by every {@link AtomicFiles} write.
 * Thread-safe.
 */
public final class WriteFailures {
  private static final System.Logger LOG = System.getLogger("slapmon.io");

  /** What is known at one instant; the last failure stays known after writes work again. */
  public record Snapshot(boolean failing, long failures, Optional<Failure> last) {}

  /** One failed write: the file, the system's reason, when. */
  public record Failure(Path path, String error, Instant at) {}

  private static final java.time.Duration LOG_AT_MOST_EVERY = java.time.Duration.ofMinutes(1);

  private static long failures;
  private static boolean failing;
  private static Failure last;
  private static Instant failingLogged = Instant.MIN;
  private static boolean recoveryToLog;

  private WriteFailures() {}

  public static synchronized Snapshot snapshot() {
    return new Snapshot(failing, failures, Optional.ofNullable(last));
  }

  /** A write of {@code target} failed: for writes that do not go through {@link AtomicFiles}. */
  public static synchronized void failed(Path target, IOException e) {
    failures++;
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      reason = fs.getReason();
    }
    Instant now = Instant.now();
    last = new Failure(target, reason, now);
    if (!failing) {
      failing = true;
      if (failingLogged.plus(LOG_AT_MOST_EVERY).isBefore(now)) {
        failingLogged = now;
        recoveryToLog = true;
        LOG.log(Level.ERROR, "event=writes-failing path=" + target + " error=" + reason
            + " (logged once until writes work again)");
      }
    }
  }

  /** A write succeeded. */
  public static synchronized void succeeded() {
    if (failing) {
      failing = false;
      if (recoveryToLog) {
        recoveryToLog = false;
        LOG.log(Level.WARNING, "event=writes-recovered failures=" + failures);
      }
    }
  }
}
