package slapmon.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;

/**
 * One status file as read: its name, the fields the state and the feed use, and the whole
 * document (embedded as is in the private global state).
 */
record PromiseStatus(
    String fileName, String title, String status, Instant changeTime, String message, ObjectNode document) {

  /** Newest change first, then by title and file name: the order of the feed. */
  static final Comparator<PromiseStatus> NEWEST_FIRST =
      Comparator.comparing(PromiseStatus::changeTime)
          .reversed()
          .thenComparing(PromiseStatus::title)
          .thenComparing(PromiseStatus::fileName);
}
