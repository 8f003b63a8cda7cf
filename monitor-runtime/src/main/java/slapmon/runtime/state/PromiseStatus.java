package slapmon.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One status file as read: its name, the fields the state and the feed use, and the whole
 * document (embedded as is in the private global state).
 */
public record PromiseStatus(
    String fileName, String title, String status, Instant changeTime, String message, ObjectNode document) {

  /** Newest change first, then by title and file name: the order of the feed. */
  static final Comparator<PromiseStatus> NEWEST_FIRST =
      Comparator.comparing(PromiseStatus::changeTime)
          .reversed()
          .thenComparing(PromiseStatus::title)
          .thenComparing(PromiseStatus::fileName);

  /**
   * The severities a result can have: its {@code nagios-status}, or, in a document without one,
   * the legacy {@code status} (OK, ERROR); anything else is ERROR.
   */
  public static final List<String> SEVERITIES =
      List.of("OK", "WARNING", "CRITICAL", "UNKNOWN", "TIMEOUT", "ERROR");

  /** One of {@link #SEVERITIES}: what the legacy OK/ERROR {@link #status} does not tell. */
  public String severity() {
    String nagios = document.path("nagios-status").asText("");
    String shown = nagios.isEmpty() ? status : nagios;
    return SEVERITIES.contains(shown) ? shown : "ERROR";
  }
}
