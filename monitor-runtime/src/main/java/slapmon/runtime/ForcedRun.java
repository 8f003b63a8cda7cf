package slapmon.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import slapmon.runtime.http.dashboard.PromiseTrigger;
import slapmon.runtime.json.Json;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.promise.RunSummary;

/** The dashboard's forced run, by the engine: its verdicts as JSON, or why it did not run. */
final class ForcedRun implements PromiseTrigger {
  private final PromiseEngine engine;

  ForcedRun(PromiseEngine engine) {
    this.engine = engine;
  }

  @Override
  public Answer run(Optional<String> title) throws Exception {
    RunSummary summary;
    try {
      summary = engine.runNow(title);
    } catch (PromiseEngine.AlreadyRunning e) {
      return new Answer(409, Json.bytes(Map.of("error", e.getMessage())));
    }
    if (title.isPresent() && summary.isEmpty()) {
      return new Answer(404, Json.bytes(Map.of("error", "no promise titled " + title.get())));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", summary.allOk());
    body.put("promises", summary.verdicts());
    return new Answer(200, Json.bytes(body));
  }
}
