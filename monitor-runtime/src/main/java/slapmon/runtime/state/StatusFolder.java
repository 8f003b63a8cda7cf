package slapmon.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import slapmon.runtime.json.Json;

/**
 * Reads the {@code *.status.json} files of the public folder, sorted by file name; a file that
 * cannot be read, is not a JSON object, or lacks a textual {@code status} or a numeric {@code
 * change-time} is skipped and named (SPEC D.25), never fatal.
 */
public final class StatusFolder {
  static final String SUFFIX = ".status.json";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** The readable statuses and the names of the skipped files, both sorted by file name. */
  public record Snapshot(List<PromiseStatus> statuses, List<String> skipped) {}

  private StatusFolder() {}

  public static Snapshot read(Path folder) throws IOException {
    return read(folder, SUFFIX);
  }

  /** The same for the files ending with {@code suffix} ({@code .report.json}: reports). */
  public static Snapshot read(Path folder, String suffix) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*" + suffix)) {
        stream.forEach(files::add);
      }
    }
    files.sort(null);
    List<PromiseStatus> statuses = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.startsWith(".") || !Files.isRegularFile(file)) {
        continue;
      }
      Optional<PromiseStatus> status = parse(file, name, suffix);
      if (status.isPresent()) {
        statuses.add(status.get());
      } else {
        skipped.add(name);
      }
    }
    return new Snapshot(List.copyOf(statuses), List.copyOf(skipped));
  }

  private static Optional<PromiseStatus> parse(Path file, String name, String suffix) {
    JsonNode node;
    try {
      node = Json.read(file);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // vanished, torn by a foreign writer, or not JSON
    }
    if (!node.isObject() || !node.path("status").isTextual() || !node.path("change-time").isNumber()) {
      return Optional.empty();
    }
    ObjectNode document = (ObjectNode) node;
    String title = document.path("title").asText(name.substring(0, name.length() - suffix.length()));
    time(document).ifPresent(time -> document.put("time", time));
    return Optional.of(
        new PromiseStatus(
            name,
            title,
            document.get("status").asText(),
            Json.fromEpochSeconds(document.get("change-time").decimalValue()),
            document.path("message").asText(""),
            document));
  }

  /** {@code HH:MM:SS} of the run: after the space of the legacy start-date, else from the ISO date. */
  private static Optional<String> time(ObjectNode document) {
    String startDate = document.path("start-date").asText("");
    int space = startDate.indexOf(' ');
    if (space >= 0) {
      return Optional.of(startDate.substring(space + 1));
    }
    try {
      Instant date = Json.parseDate(document.path("date").asText(""));
      return Optional.of(TIME.format(date.atOffset(ZoneOffset.UTC)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
