package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import slapmon.config.ini.PythonText;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.FileParameter;
import slapmon.config.settings.ParameterLine.HtpasswdParameter;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;
import slapmon.runtime.http.auth.CredentialVerifier;
import slapmon.runtime.http.auth.HtpasswdFile;
import slapmon.runtime.parameters.Upload.Submitted;
import slapmon.runtime.process.ProcessRunner;

/**
 * Decides, for each submitted entry and without writing anything, whether it is unchanged,
 * refused (and why), or a {@link Change} to apply. An unchanged value is never checked against
 * the rules, so a value that was already there does not block an edit of another key.
 */
final class EditPlanner {
  /** The key the original's parameter-list gives the promise timeout file. */
  static final String TIMEOUT_KEY = "promise-timeout";

  /** Exactly one of {@code settled} (no write needed or allowed) and {@code change}. */
  record Plan(Optional<KeyResult> settled, Optional<Change> change) {
    static Plan settled(KeyResult result) {
      return new Plan(Optional.of(result), Optional.empty());
    }

    static Plan change(Change change) {
      return new Plan(Optional.empty(), Optional.of(change));
    }

    boolean refused() {
      return settled.map(r -> r.outcome() == KeyResult.Outcome.REFUSED).orElse(false);
    }
  }

  private final CurrentParameters current;
  private final Optional<Path> timeoutFile;
  private final AppliedEdits edits;
  private final ProcessRunner runner;

  EditPlanner(
      CurrentParameters current, Optional<Path> timeoutFile, AppliedEdits edits, ProcessRunner runner) {
    this.current = current;
    this.timeoutFile = timeoutFile;
    this.edits = edits;
    this.runner = runner;
  }

  Plan plan(Submitted entry) throws IOException {
    if (entry.raw()) {
      return raw(entry);
    }
    Optional<CurrentParameters.Editable> editable = current.editable(entry.key());
    if (editable.isEmpty()) {
      return refused(
          "unknown key: not an editable parameter of this monitor (editable: "
              + String.join(", ", current.keys()) + ")");
    }
    ParameterLine line = editable.get().line();
    String now = editable.get().value();
    if (line instanceof FileParameter) {
      return file((FileParameter) line, now, entry.value());
    } else if (line instanceof HtpasswdParameter) {
      return password((HtpasswdParameter) line, now, entry.value());
    } else if (line instanceof HttpdCorsParameter) {
      return cors((HttpdCorsParameter) line, now, entry.value());
    }
    throw new IllegalStateException("no editor for " + line);
  }

  private Plan raw(Submitted entry) {
    Optional<String> value = current.raw(entry.title());
    if (value.isEmpty()) {
      return refused("no fixed (raw) value has this title, and an entry without key edits nothing");
    }
    if (value.get().equals(entry.value())) {
      return Plan.settled(KeyResult.unchanged());
    }
    return refused("a fixed (raw) value: it cannot be edited");
  }

  private Plan file(FileParameter line, String now, String value) {
    String content = PythonText.strip(value);
    if (content.equals(PythonText.strip(now))) {
      return Plan.settled(KeyResult.unchanged());
    }
    Optional<String> problem =
        isTimeout(line) ? ValueRules.timeoutSeconds(value) : ValueRules.fileContent(value);
    if (problem.isPresent()) {
      return refused(problem.get());
    }
    Change write = new FileChange(line.path(), content);
    if (!isTimeout(line)) {
      return Plan.change(write);
    }
    return Plan.change(
        () -> {
          KeyResult result = write.apply();
          if (result.outcome() == KeyResult.Outcome.APPLIED) {
            edits.promiseTimeoutWritten();
          }
          return result;
        });
  }

  private boolean isTimeout(FileParameter line) {
    return line.key().equals(TIMEOUT_KEY)
        || timeoutFile.map(file -> file.equals(line.path())).orElse(false);
  }

  private Plan password(HtpasswdParameter line, String now, String value) {
    if (value.equals(now) && verifies(line, value)) {
      return Plan.settled(KeyResult.unchanged());
    }
    Optional<String> problem = ValueRules.password(value);
    if (problem.isPresent()) {
      return refused(problem.get());
    }
    return Plan.change(new PasswordChange(line, value, edits));
  }

  /** Whether the htpasswd file already lets the user in with {@code password}. */
  private static boolean verifies(HtpasswdParameter line, String password) {
    CredentialVerifier verifier =
        CredentialVerifier.of(HtpasswdFile.watch(line.htpasswdFile(), Clock.systemUTC()),
            Clock.systemUTC());
    char[] chars = password.toCharArray();
    try {
      return verifier.verify(line.user(), chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Unchanged when the value is the saved one and the include already says so; an empty saved
   * value leaves the include alone, as the original did (it holds the default domains then).
   */
  private Plan cors(HttpdCorsParameter line, String saved, String value) throws IOException {
    List<String> domains;
    try {
      domains = CorsDomains.parse(value);
    } catch (IllegalArgumentException e) {
      if (value.equals(saved)) {
        return Plan.settled(KeyResult.unchanged()); // as it was: not ours to judge now
      }
      return refused("the domain list " + e.getMessage());
    }
    boolean same = value.equals(saved);
    if (same
        && (domains.isEmpty()
            || CorsDomains.apacheInclude(domains).equals(text(line.corsFile())))) {
      return Plan.settled(KeyResult.unchanged());
    }
    return Plan.change(new CorsChange(line, value, domains, edits, runner));
  }

  private static String text(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (java.nio.charset.MalformedInputException e) {
      return "\0"; // not what we would write
    }
  }

  private static Plan refused(String reason) {
    return Plan.settled(KeyResult.refused(reason));
  }
}
