package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import slapmon.config.settings.ParameterLine;
import slapmon.runtime.log.LogText;
import slapmon.runtime.parameters.EditPlanner.Plan;
import slapmon.runtime.parameters.Upload.Submitted;
import slapmon.runtime.process.ProcessRunner;

/**
 * The one writer of the editable parameters: applies an uploaded edit (validate every entry,
 * write nothing if one is refused, then write each changed file atomically and the config
 * documents), and rewrites the config documents periodically. Both hold one lock, so an edit
 * and a periodic rewrite never interleave.
 */
public final class ParameterEditor {
  private static final System.Logger LOG = System.getLogger("slapmon.parameters");

  private final List<ParameterLine> parameters;
  private final Optional<Path> timeoutFile;
  private final ConfigDocuments documents;
  private final AppliedEdits edits;
  private final ProcessRunner runner;
  private final ReentrantLock lock = new ReentrantLock();

  ParameterEditor(
      List<ParameterLine> parameters,
      Optional<Path> timeoutFile,
      ConfigDocuments documents,
      AppliedEdits edits,
      ProcessRunner runner) {
    this.parameters = List.copyOf(parameters);
    this.timeoutFile = Objects.requireNonNull(timeoutFile, "timeoutFile");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.edits = Objects.requireNonNull(edits, "edits");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /** The editor of the parameters {@code settings} names. */
  public static ParameterEditor of(ParameterSettings settings, AppliedEdits edits, Clock clock) {
    return new ParameterEditor(
        settings.parameters(),
        settings.timeoutFile(),
        settings.documents(),
        edits,
        new ProcessRunner(clock));
  }

  /** Rewrites config.json, config.parameters.json and the knowledge0 cfg; returns the problems. */
  public List<String> rewriteDocuments() {
    lock.lock();
    try {
      return documents.write();
    } finally {
      lock.unlock();
    }
  }

  /** Applies the uploaded {@code config.tmp.json} content and says what became of each entry. */
  public EditResult apply(byte[] upload, Instant now) {
    List<Submitted> entries;
    try {
      entries = Upload.parse(upload);
    } catch (IllegalArgumentException e) {
      return EditResult.malformed(now, e.getMessage());
    }
    lock.lock();
    try {
      return apply(entries, now);
    } finally {
      lock.unlock();
    }
  }

  private EditResult apply(List<Submitted> entries, Instant now) {
    EditPlanner planner =
        new EditPlanner(CurrentParameters.read(parameters), timeoutFile, edits, runner);
    Map<String, Plan> plans = new LinkedHashMap<>();
    for (Submitted entry : entries) {
      plans.put(entry.name(), plan(planner, entry));
    }
    boolean refused = plans.values().stream().anyMatch(Plan::refused);
    Map<String, KeyResult> results = new LinkedHashMap<>();
    boolean written = false;
    for (Map.Entry<String, Plan> plan : plans.entrySet()) {
      KeyResult result;
      if (plan.getValue().settled().isPresent()) {
        result = plan.getValue().settled().get();
      } else if (refused) {
        result = KeyResult.notApplied();
      } else {
        result = plan.getValue().change().get().apply();
        written |= result.outcome() == KeyResult.Outcome.APPLIED;
      }
      results.put(plan.getKey(), result);
    }
    if (written) {
      documents
          .write()
          .forEach(
              problem ->
                  LOG.log(Level.WARNING, LogText.bounded("event=parameter-problem " + problem)));
    }
    return EditResult.of(now, results);
  }

  private static Plan plan(EditPlanner planner, Submitted entry) {
    try {
      return planner.plan(entry);
    } catch (IOException e) {
      return Plan.settled(KeyResult.refused("the current value cannot be read: " + e.getMessage()));
    }
  }
}
