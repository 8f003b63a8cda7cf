package slapmon.runtime.promise;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import slapmon.runtime.json.Json;
import slapmon.runtime.process.LegacyStatus;
import slapmon.runtime.process.NagiosStatus;
import slapmon.runtime.process.ProcessOutcome;

/**
 * slapgrid's promise results ({@code TITLE.status.json} of {@link SlapgridSource#resultFolder}),
 * as results of the monitor's own promises: a result that says {@code "failed": true} is ERROR,
 * one that says false is OK. What cannot be trusted is never OK: a malformed file, a result older
 * than {@link #STALE_PERIODS} periods of its promise ({@link #STALE_FLOOR} at least), and a plugin
 * of the plugin folder without a result are ERROR with the Nagios status UNKNOWN and a message that
 * says why. Files are parsed again only when their modification time or size changed. Thread-safe.
 */
final class SlapgridResults {
  static final String SUFFIX = ".status.json";
  /** A result is stale once older than this many periods of its promise... */
  static final int STALE_PERIODS = 3;
  /**
   * ...and never before this: {@code slapos node instance} runs about once a minute, but a busy
   * node takes longer to come back to a partition.
   */
  static final Duration STALE_FLOOR = Duration.ofMinutes(10);
  /** The launcher's periodicity when a promise sets none (and when its cache cannot be read). */
  static final Duration DEFAULT_PERIODICITY = Duration.ofMinutes(2);
  /** The launcher keeps messages within 5000 characters: a larger file is not its result. */
  static final long MAX_BYTES = 1024 * 1024;

  private final SlapgridSource source;
  private final Map<Path, Read> reads = new HashMap<>();
  private List<Path> plugins = List.of();

  /** A result file as last parsed, with what identified its content then. */
  private record Read(FileTime modified, long size, Reading reading) {}

  private sealed interface Reading permits Result, Malformed {}

  /**
   * A well-formed result.
   *
   * @param staleAfter empty for a promise slapgrid only tests after a deployment (its cache says
   *     {@code is_anomaly_detected: false}): nothing refreshes its result in between
   * @param origin the result's own {@code name}, {@code path} and {@code type}, where it has them
   */
  private record Result(
      boolean failed, Instant date, String message, Duration took, Optional<Duration> staleAfter,
      Optional<ResultOrigin> origin)
      implements Reading {}

  private record Malformed(String why) implements Reading {}

  SlapgridResults(SlapgridSource source) {
    this.source = source;
  }

  /** Looks at the plugin folder again: the plugins whose result must be there. */
  synchronized void rescanPlugins() throws IOException {
    List<Path> found = new ArrayList<>();
    Optional<Path> folder = source.pluginFolder();
    if (folder.isPresent() && Files.isDirectory(folder.get())) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder.get(), "*.py")) {
        for (Path file : files) {
          // The launcher's own rule: every *.py but __init__*.
          if (!file.getFileName().toString().startsWith("__init__")) {
            found.add(file);
          }
        }
      }
    }
    plugins = List.copyOf(found);
  }

  /** Every result as shown at {@code now}, keyed by title in sorted order. */
  synchronized Map<String, RunResult> read(Instant now) throws IOException {
    Map<String, Path> pluginByTitle = new HashMap<>();
    for (Path plugin : plugins) {
      String name = plugin.getFileName().toString();
      pluginByTitle.put(name.substring(0, name.length() - ".py".length()), plugin);
    }
    Map<String, RunResult> shown = new TreeMap<>();
    Map<Path, Read> seen = new HashMap<>();
    for (Path file : resultFiles()) {
      String name = file.getFileName().toString();
      String title = name.substring(0, name.length() - SUFFIX.length());
      Optional<Read> read = read(file, title);
      if (read.isEmpty()) {
        continue; // gone while listed: the launcher renames over it, or removed it
      }
      seen.put(file, read.get());
      Executable executable = executable(title, pluginByTitle.getOrDefault(title, file));
      shown.put(title, shown(executable, file, read.get().reading(), now));
    }
    reads.keySet().retainAll(seen.keySet());
    reads.putAll(seen);
    pluginByTitle.forEach(
        (title, plugin) ->
            shown.computeIfAbsent(title, t -> missing(executable(t, plugin), now)));
    return shown;
  }

  private List<Path> resultFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    Path folder = source.resultFolder();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(".") && name.length() > SUFFIX.length()) {
          files.add(entry);
        }
      }
    }
    return files;
  }

  private static Executable executable(String title, Path path) {
    return new Executable(title, path, Kind.PROMISE, Period.EVERY_MINUTE, Optional.empty());
  }

  private Optional<Read> read(Path file, String title) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(new Read(null, -1, new Malformed("cannot be read: " + e.getMessage())));
    }
    Read before = reads.get(file);
    if (before != null
        && attributes.lastModifiedTime().equals(before.modified())
        && attributes.size() == before.size()) {
      return Optional.of(before);
    }
    return Optional.of(
        new Read(attributes.lastModifiedTime(), attributes.size(), parse(file, title, attributes)));
  }

  private Reading parse(Path file, String title, BasicFileAttributes attributes) {
    if (!attributes.isRegularFile()) {
      return new Malformed("not a regular file");
    }
    if (attributes.size() > MAX_BYTES) {
      return new Malformed(
          attributes.size() + " bytes, more than a result's " + MAX_BYTES);
    }
    JsonNode node;
    try {
      node = Json.read(file);
    } catch (IOException e) {
      String why = e.getMessage();
      String prefix = file + ": ";
      return new Malformed(why.startsWith(prefix) ? why.substring(prefix.length()) : why);
    }
    JsonNode result = node.path("result");
    if (!result.isObject()) {
      return new Malformed("has no \"result\" object");
    }
    if (!result.path("failed").isBoolean()) {
      return new Malformed("\"result\".\"failed\" is not true or false");
    }
    JsonNode message = result.path("message");
    if (!message.isTextual() && !message.isNull()) {
      return new Malformed("\"result\".\"message\" is not a string");
    }
    Instant date;
    try {
      date = Json.parseDate(result.path("date").asText(""));
    } catch (DateTimeParseException e) {
      return new Malformed(
          "\"result\".\"date\" is '" + result.path("date").asText("")
              + "', expected a date such as 2018-03-22T15:35:07+0000");
    }
    JsonNode seconds = node.path("execution-time");
    Duration took =
        seconds.isNumber() && seconds.decimalValue().signum() > 0
            ? Duration.ofMillis(seconds.decimalValue().movePointRight(3).longValue())
            : Duration.ZERO;
    return new Result(
        result.get("failed").booleanValue(), date, message.asText(""), took, staleAfter(title),
        origin(node));
  }

  /** The launcher's {@code name}, {@code path} and {@code result.type}, if all are text. */
  private static Optional<ResultOrigin> origin(JsonNode node) {
    JsonNode name = node.path("name");
    JsonNode path = node.path("path");
    JsonNode type = node.path("result").path("type");
    if (!name.isTextual() || !path.isTextual() || !type.isTextual()) {
      return Optional.empty();
    }
    return Optional.of(new ResultOrigin(name.textValue(), path.textValue(), type.textValue()));
  }

  /**
   * Where a result that cannot be shown would come from: the plugin's file, else (a legacy
   * executable's result, malformed or missing) the title, which is its file's name.
   */
  private static ResultOrigin guessedOrigin(Executable executable) {
    if (executable.path().getFileName().toString().endsWith(SUFFIX)) {
      return new ResultOrigin(executable.title(), "", ResultOrigin.TEST);
    }
    return ResultOrigin.of(executable);
  }

  /** How old the title's result may get, from the launcher's cache of its promise. */
  private Optional<Duration> staleAfter(String title) {
    Duration periodicity = DEFAULT_PERIODICITY;
    try {
      JsonNode cache = Json.read(source.cacheFolder().resolve(title));
      if (cache.path("is_anomaly_detected").isBoolean()
          && !cache.get("is_anomaly_detected").booleanValue()) {
        return Optional.empty();
      }
      JsonNode minutes = cache.path("periodicity");
      if (minutes.isNumber() && minutes.decimalValue().signum() > 0) {
        BigDecimal millis = minutes.decimalValue().multiply(BigDecimal.valueOf(60_000));
        periodicity = Duration.ofMillis(millis.longValue());
      }
    } catch (IOException | RuntimeException e) {
      // No cache (a launcher that never ran it, or another layout): the launcher's default.
    }
    Duration bound = periodicity.multipliedBy(STALE_PERIODS);
    return Optional.of(bound.compareTo(STALE_FLOOR) < 0 ? STALE_FLOOR : bound);
  }

  private RunResult shown(Executable executable, Path file, Reading reading, Instant now) {
    if (reading instanceof Malformed malformed) {
      return unknown(
          executable, now,
          "slapgrid's result " + file + " is malformed: " + malformed.why()
              + "; shown as an error until slapgrid writes it again",
          guessedOrigin(executable));
    }
    Result result = (Result) reading;
    ResultOrigin origin = result.origin().orElseGet(() -> guessedOrigin(executable));
    Optional<Duration> staleAfter = result.staleAfter();
    if (staleAfter.isPresent() && result.date().plus(staleAfter.get()).isBefore(now)) {
      return unknown(
          executable, now,
          "slapgrid's last result is dated " + Json.isoDate(result.date()) + ", more than "
              + minutes(staleAfter.get()) + " ago (" + STALE_PERIODS
              + " periods of the promise, " + minutes(STALE_FLOOR)
              + " at least): slapgrid has not run it since. Its last result was "
              + (result.failed() ? "a failure" : "OK") + ": " + result.message(),
          origin);
    }
    LegacyStatus status = result.failed() ? LegacyStatus.ERROR : LegacyStatus.OK;
    return new RunResult(
        executable, result.date(), result.took(), status,
        result.failed() ? NagiosStatus.ERROR : NagiosStatus.OK, ProcessOutcome.NO_EXIT_CODE,
        result.message(), origin);
  }

  private RunResult missing(Executable executable, Instant now) {
    return unknown(
        executable, now,
        "no result from slapgrid for the plugin " + executable.path() + " (expected "
            + source.resultFolder().resolve(executable.title() + SUFFIX)
            + "): slapgrid has not run it yet",
        guessedOrigin(executable));
  }

  private static RunResult unknown(
      Executable executable, Instant now, String message, ResultOrigin origin) {
    return new RunResult(
        executable, now, Duration.ZERO, LegacyStatus.ERROR, NagiosStatus.UNKNOWN,
        ProcessOutcome.NO_EXIT_CODE, message, origin);
  }

  private static String minutes(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
