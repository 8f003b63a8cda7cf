package slapmon.runtime.parameters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import slapmon.runtime.json.Json;

/**
 * The outcome of one uploaded edit, as written to {@code config.result.json}: when, whether it
 * was applied, refused or failed, why (when it was not applied), and each entry's result by name.
 */
public record EditResult(
    Instant date, EditResult.Status status, Optional<String> reason, Map<String, KeyResult> results) {

  /** The edit as a whole. */
  public enum Status {
    /** Every key was applied or unchanged. */
    APPLIED,
    /** Nothing was written: the upload or at least one key was refused. */
    REFUSED,
    /** At least one key could not be written; the others were. */
    FAILED;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public EditResult {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
  }

  /** An upload that could not be read as a parameter array: nothing was looked at. */
  static EditResult malformed(Instant date, String reason) {
    return new EditResult(date, Status.REFUSED, Optional.of(reason), Map.of());
  }

  /** The status and summary that {@code results} call for. */
  static EditResult of(Instant date, Map<String, KeyResult> results) {
    long refused = count(results, KeyResult.Outcome.REFUSED);
    long failed = count(results, KeyResult.Outcome.FAILED);
    if (refused > 0) {
      return new EditResult(
          date, Status.REFUSED, Optional.of(refused + " of " + results.size()
              + " entries refused; nothing was written"), results);
    }
    if (failed > 0) {
      return new EditResult(
          date, Status.FAILED, Optional.of(failed + " of " + results.size()
              + " entries could not be written"), results);
    }
    return new EditResult(date, Status.APPLIED, Optional.empty(), results);
  }

  private static long count(Map<String, KeyResult> results, KeyResult.Outcome outcome) {
    return results.values().stream().filter(r -> r.outcome() == outcome).count();
  }

  /** The document of config.result.json. */
  public ObjectNode json() {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("date", Json.isoDate(date));
    doc.put("status", status.json());
    reason.ifPresent(text -> doc.put("reason", text));
    ObjectNode keys = doc.putObject("results");
    results.forEach(
        (name, result) -> {
          ObjectNode key = keys.putObject(name);
          key.put("outcome", result.outcome().json());
          result.reason().ifPresent(text -> key.put("reason", text));
          result.warning().ifPresent(text -> key.put("warning", text));
        });
    return doc;
  }

  /** One log line's worth: {@code name:outcome} pairs, never a value. */
  public String outcomes() {
    return results.entrySet().stream()
        .map(e -> e.getKey().replaceAll("[^A-Za-z0-9._-]", "?") + ":" + e.getValue().outcome().json())
        .collect(Collectors.joining(","));
  }
}
