package slapmon.runtime.http.dashboard;

import java.util.Optional;

/** Runs the promise with a title, or all of them, now, and tells the outcome (a forced run). */
@FunctionalInterface
public interface PromiseTrigger {
  /** Blocks until the runs are done. */
  Answer run(Optional<String> title) throws Exception;

  /** The HTTP status and the JSON body the client gets. */
  record Answer(int status, byte[] json) {}
}
