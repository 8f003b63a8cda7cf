package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.process.ProcessOutcome;
import slapmon.runtime.process.ProcessRunner;
import slapmon.runtime.process.ProcessSpec;

/**
 * An {@code httpdcors} parameter's new domains (SPEC §A.7.3): the Apache include rewritten, the
 * value saved in {@code prev_…}, the domains handed to the running server, then the graceful
 * program run (no arguments, with a timeout); its failure is a warning, not a failure.
 */
final class CorsChange implements Change {
  static final Duration GRACEFUL_TIMEOUT = Duration.ofSeconds(30);
  private static final int OUTPUT_CAP = 4096;

  private final HttpdCorsParameter parameter;
  private final String value;
  private final List<String> domains;
  private final AppliedEdits edits;
  private final ProcessRunner runner;

  CorsChange(
      HttpdCorsParameter parameter,
      String value,
      List<String> domains,
      AppliedEdits edits,
      ProcessRunner runner) {
    this.parameter = parameter;
    this.value = value;
    this.domains = List.copyOf(domains);
    this.edits = edits;
    this.runner = runner;
  }

  @Override
  public KeyResult apply() {
    Path corsFile = parameter.corsFile();
    Path saved = EntryReader.previousCors(corsFile);
    Optional<byte[]> before;
    Set<PosixFilePermission> mode;
    try {
      before = Change.contentOf(corsFile);
      mode = Change.modeOf(corsFile, AtomicFiles.DEFAULT_MODE);
      AtomicFiles.write(
          corsFile, CorsDomains.apacheInclude(domains).getBytes(StandardCharsets.UTF_8), mode);
    } catch (IOException e) {
      return KeyResult.failed(Change.describe(corsFile, e));
    }
    try {
      AtomicFiles.write(
          saved,
          value.getBytes(StandardCharsets.UTF_8),
          Change.modeOf(saved, AtomicFiles.DEFAULT_MODE));
    } catch (IOException e) {
      return KeyResult.failed(
          Change.describe(saved, e) + "; " + Change.restore(corsFile, before, mode));
    }
    edits.corsApplied(parameter.key(), domains);
    return graceful().map(KeyResult::appliedWithWarning).orElseGet(KeyResult::applied);
  }

  /** Runs the graceful program if it exists; what went wrong with it, if anything. */
  private Optional<String> graceful() {
    Path program = parameter.gracefulCommand();
    if (!Files.exists(program)) {
      return Optional.empty();
    }
    Path folder = parameter.corsFile().getParent();
    ProcessOutcome outcome;
    try {
      outcome = runner.run(new ProcessSpec(program, folder, GRACEFUL_TIMEOUT, OUTPUT_CAP));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("graceful program " + program + " was interrupted");
    }
    if (outcome.launchError().isPresent()) {
      return Optional.of("graceful program: " + outcome.launchError().get());
    }
    if (outcome.timedOut()) {
      return Optional.of(
          "graceful program " + program + " timed out after " + GRACEFUL_TIMEOUT.toSeconds()
              + " s and was killed");
    }
    if (outcome.exitCode() != 0) {
      String said = (outcome.stderr() + outcome.stdout()).strip();
      String firstLine = said.lines().findFirst().map(line -> ": " + line).orElse("");
      return Optional.of(
          "graceful program " + program + " exited with " + outcome.exitCode() + firstLine);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "cors-change(" + parameter.key() + " -> " + domains + ")";
  }
}
