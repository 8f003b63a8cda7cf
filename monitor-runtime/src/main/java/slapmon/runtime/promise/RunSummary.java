package slapmon.runtime.promise;

import java.util.ArrayList;
import java.util.List;

/** What a one-shot run did, as lines for a terminal: one per promise, then the counts. */
public final class RunSummary {
  private static final int MESSAGE_CHARS = 200;

  private final List<RunResult> results;

  RunSummary(List<RunResult> results) {
    this.results = List.copyOf(results);
  }

  List<RunResult> results() {
    return results;
  }

  /** What one promise's run showed, for a client that reads JSON (the dashboard's forced run). */
  public record Verdict(String title, String status, String nagios, String message, String date) {}

  public List<Verdict> verdicts() {
    return results.stream()
        .map(r -> new Verdict(r.executable().title(), r.status().name(), r.nagios().name(),
            r.message(), slapmon.runtime.json.Json.slaposDate(r.start())))
        .toList();
  }

  public boolean isEmpty() {
    return results.isEmpty();
  }

  public boolean allOk() {
    return results.stream().allMatch(RunResult::ok);
  }

  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (RunResult result : results) {
      String line = result.executable().title() + ": " + result.nagios();
      if (!result.ok()) {
        if (result.returnCode() != slapmon.runtime.process.ProcessOutcome.NO_EXIT_CODE) {
          line += " (exit " + result.returnCode() + ")";
        }
        line += ": " + firstLine(result.message());
      }
      lines.add(line);
    }
    long failed = results.stream().filter(r -> !r.ok()).count();
    lines.add(results.size() + (results.size() == 1 ? " promise: " : " promises: ")
        + (results.size() - failed) + " OK, " + failed + " failed");
    return lines;
  }

  private static String firstLine(String message) {
    String line = message.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline);
    }
    return line.length() > MESSAGE_CHARS ? line.substring(0, MESSAGE_CHARS) + "…" : line;
  }
}
