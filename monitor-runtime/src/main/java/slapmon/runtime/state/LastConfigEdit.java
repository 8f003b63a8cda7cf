package slapmon.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import slapmon.runtime.json.Json;

/**
 * The {@code last-config-edit} block of the private global state: date, status and each key's
 * outcome of the last parameter edit, taken from {@code config.result.json}. Only those fields
 * are copied, and only when they have the expected form: never a value, never a reason.
 */
final class LastConfigEdit {
  static final String FIELD = "last-config-edit";
  private static final Set<String> STATUSES = Set.of("applied", "refused", "failed");
  private static final Set<String> OUTCOMES =
      Set.of("applied", "unchanged", "refused", "not-applied", "failed");

  private LastConfigEdit() {}

  static Optional<ObjectNode> read(Path resultFile) {
    if (!Files.isRegularFile(resultFile)) {
      return Optional.empty();
    }
    JsonNode result;
    try {
      result = Json.read(resultFile);
    } catch (IOException e) {
      return Optional.empty();
    }
    String status = result.path("status").asText("");
    if (!STATUSES.contains(status) || !result.path("date").isTextual()) {
      return Optional.empty();
    }
    ObjectNode block = Json.mapper().createObjectNode();
    block.put("date", result.get("date").textValue());
    block.put("status", status);
    ObjectNode outcomes = block.putObject("results");
    for (Map.Entry<String, JsonNode> key : result.path("results").properties()) {
      String outcome = key.getValue().path("outcome").asText("");
      if (OUTCOMES.contains(outcome)) {
        outcomes.put(key.getKey(), outcome);
      }
    }
    return Optional.of(block);
  }
}
