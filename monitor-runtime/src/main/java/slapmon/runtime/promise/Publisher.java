package slapmon.runtime.promise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;
import slapmon.runtime.json.Json;

/**
 * Writes what a run produced: {@code public/TITLE.status.json} (promises) or {@code
 * private/TITLE.report.json} (reports) in the legacy shape plus {@code date}, {@code
 * execution-time}, {@code returncode} and {@code nagios-status}, and the fields of today's result
 * files, with the change-time carried over while the status stays; then the history. Thread-safe.
 */
final class Publisher {
  private final EngineSettings settings;
  private final Map<Kind, ChangeTimes> changeTimes = new EnumMap<>(Kind.class);
  private final Map<Kind, HistoryStore> histories = new EnumMap<>(Kind.class);

  Publisher(EngineSettings settings) throws IOException {
    this.settings = settings;
    for (Kind kind : Kind.values()) {
      Files.createDirectories(settings.resultFolder(kind));
      Files.createDirectories(settings.historyFolder(kind));
      AtomicFiles.removeLeftovers(settings.resultFolder(kind));
      AtomicFiles.removeLeftovers(settings.historyFolder(kind));
      changeTimes.put(kind, ChangeTimes.load(settings.resultFolder(kind), kind.suffix));
      histories.put(
          kind,
          new HistoryStore(
              settings.historyFolder(kind), settings.archiveFolder(), settings.historyRetentionDays()));
    }
  }

  Path resultFile(Kind kind, String title) {
    return settings.resultFolder(kind).resolve(title + kind.suffix);
  }

  void publish(RunResult result, Instant now) throws IOException {
    Executable executable = result.executable();
    Kind kind = executable.kind();
    Instant changeTime =
        changeTimes.get(kind).record(executable.title(), result.status().name(), result.start());
    ObjectNode document = document(result, changeTime);
    AtomicFiles.write(resultFile(kind, executable.title()), Json.bytes(document), Durability.CACHED);
    document.remove("_links");
    // Neither era's history has these: result's fields are the document's own (the original
    // flattens it), the path is the promise's.
    document.remove("result");
    document.remove("path");
    histories.get(kind).append(executable.title(), document, now);
  }

  /** Whether the published status file already shows {@code result} (written by any process). */
  boolean shows(RunResult result) {
    Path file = resultFile(result.executable().kind(), result.executable().title());
    try {
      JsonNode doc = Json.read(file);
      return RunResult.Shown.of(
              doc.path("status").asText(""), doc.path("nagios-status").asText(""),
              doc.path("message").asText(""), doc.path("returncode").asInt(0),
              doc.path("date").asText(""))
          .equals(result.shown());
    } catch (IOException e) {
      return false; // none yet, or unreadable: written anew
    }
  }

  /** A promise or report that no longer exists: its result goes, its history is archived. */
  void retire(Kind kind, String title, Instant now) throws IOException {
    Files.deleteIfExists(resultFile(kind, title));
    changeTimes.get(kind).forget(title);
    histories.get(kind).retire(title, now);
  }

  /** Writes the legacy change-time maps if they changed. */
  void saveState() throws IOException {
    for (ChangeTimes times : changeTimes.values()) {
      times.save();
    }
  }

  private ObjectNode document(RunResult result, Instant changeTime) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("status", result.status().name());
    doc.put("type", result.executable().kind().type);
    doc.put("title", result.executable().title());
    doc.put("start-date", Json.legacyDate(result.start()));
    doc.put("change-time", Json.epochSeconds(changeTime));
    doc.put("date", Json.slaposDate(result.start()));
    doc.put("message", result.message());
    doc.put("returncode", result.returnCode());
    doc.put("nagios-status", result.nagios().name());
    doc.put("execution-time", BigDecimal.valueOf(result.took().toMillis(), 3));
    doc.putObject("_links").putObject("monitor").put("href", settings.monitorHref());
    doc.put("instance", settings.title());
    doc.put("hosting_subscription", settings.rootTitle());
    today(doc, result, changeTime);
    return doc;
  }

  /**
   * The fields of today's result files and of the original's {@code monitor_state.py} (SPEC
   * §B.2, §B.4) beside the seed's: {@code name}, {@code path}, {@code failed}, {@code
   * change-date} and the launcher's {@code result} object ({@code date} and {@code
   * execution-time} are common to both).
   */
  private static void today(ObjectNode doc, RunResult result, Instant changeTime) {
    ResultOrigin origin = result.origin();
    doc.put("name", origin.name());
    doc.put("path", origin.path());
    doc.put("failed", !result.ok());
    doc.put("change-date", Json.slaposDate(changeTime));
    ObjectNode launcher = doc.putObject("result");
    launcher.put("type", origin.type());
    launcher.put("failed", !result.ok());
    launcher.put("date", Json.slaposDate(result.start()));
    launcher.put("message", result.message());
  }
}
