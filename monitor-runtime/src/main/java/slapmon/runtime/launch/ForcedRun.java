package slapmon.runtime.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import slapmon.runtime.http.dashboard.PromiseTrigger;
import slapmon.runtime.json.Json;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.promise.RunSummary;
import slapmon.runtime.task.PeriodicTask;

/**
 * The dashboard's forced run, by the engine: its verdicts as JSON, or why it did not run. The
 * state (monitor.global.json, the feed) is published again once it is done, which the dashboard
 * reads its rows from.
 */
final class ForcedRun implements PromiseTrigger {
  private static final System.Logger LOG = System.getLogger("slapmon.promise");

  private final PromiseEngine engine;
  private final PeriodicTask.Body publishState;

  ForcedRun(PromiseEngine engine, PeriodicTask.Body publishState) {
    this.engine = engine;
    this.publishState = publishState;
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
    try {
      publishState.run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // The run is published; the periodic publication will show it.
      LOG.log(System.Logger.Level.WARNING, "event=state-not-published reason=" + e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", summary.allOk());
    body.put("promises", summary.verdicts());
    return new Answer(200, Json.bytes(body));
  }
}
