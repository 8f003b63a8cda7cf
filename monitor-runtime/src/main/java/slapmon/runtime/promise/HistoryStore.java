package slapmon.runtime.promise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;
import slapmon.runtime.json.Json;

/**
 * The history of each promise or report: {@code NAME.history.json} holds the current UTC day in the
 * legacy shape ({@code {"date": created, "data": [full first entry, then short entries]}}). The
 * first write after midnight moves the finished day to {@code ARCHIVE/NAME.history.YYYY-MM-DD.json},
 * appends that day's OK/ERROR counts to {@code NAME.stats.json} and drops archives older than the
 * retention. Every write is atomic; a corrupt file found is renamed aside and started afresh.
 * Thread-safe: one lock per name.
 */
final class HistoryStore {
  static final List<String> SHORT_FIELDS = List.of("status", "change-time", "start-date", "message");
  static final int MAX_STATS_ENTRIES = 400;

  private final Path folder;
  private final Path archive;
  private final int retentionDays;
  private static final byte[] CLOSING = {']', '}'};

  /** The UTC day of each history file as this store last wrote it; never the entries themselves. */
  private final Map<String, LocalDate> days = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

  HistoryStore(Path folder, Path archive, int retentionDays) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("history retention must be at least 1 day, got " + retentionDays);
    }
    this.folder = folder;
    this.archive = archive;
    this.retentionDays = retentionDays;
  }

  Path historyFile(String name) {
    return folder.resolve(name + ".history.json");
  }

  Path statsFile(String name) {
    return folder.resolve(name + ".stats.json");
  }

  /** Adds one result (the status document without {@code _links}) to the name's history. */
  void append(String name, ObjectNode entry, Instant now) throws IOException {
    synchronized (lock(name)) {
      appendLocked(name, entry, now);
    }
  }

  /** One lock per name: histories of different promises are written in parallel. */
  private Object lock(String name) {
    return locks.computeIfAbsent(name, n -> new Object());
  }

  private void appendLocked(String name, ObjectNode entry, Instant now) throws IOException {
    LocalDate today = utcDay(now);
    if (today.equals(days.get(name)) && appendInPlace(name, shortEntry(entry))) {
      return;
    }
    ObjectNode day = current(name);
    if (day != null && !dayOf(day).equals(today)) {
      rollOver(name, day, now);
      day = null;
    }
    if (day == null) {
      day = Json.mapper().createObjectNode();
      day.put("date", Json.epochSeconds(now));
      day.putArray("data").add(entry.deepCopy());
    } else {
      ((ArrayNode) day.get("data")).add(shortEntry(entry));
    }
    AtomicFiles.write(historyFile(name), Json.bytes(day), Durability.CACHED);
    days.put(name, dayOf(day));
  }

  private static ObjectNode shortEntry(ObjectNode entry) {
    ObjectNode small = Json.mapper().createObjectNode();
    for (String field : SHORT_FIELDS) {
      if (entry.has(field)) {
        small.set(field, entry.get(field));
      }
    }
    return small;
  }

  /**
   * Adds {@code small} to the file of the current day as this store wrote it ({@code "data"} last,
   * compact): the bytes up to the closing {@code ]}} are copied, not parsed, so that neither the
   * time nor the memory of an append grows with the parsed size of the day. False when the file is
   * not in that shape (gone, edited by someone else): the caller reads it whole instead.
   */
  private boolean appendInPlace(String name, ObjectNode small) throws IOException {
    byte[] old;
    try {
      old = Files.readAllBytes(historyFile(name));
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
    int end = old.length - CLOSING.length;
    if (end < 1 || !java.util.Arrays.equals(old, end, old.length, CLOSING, 0, CLOSING.length)) {
      return false;
    }
    byte[] added = Json.bytes(small);
    boolean first = old[end - 1] == '[';
    java.io.ByteArrayOutputStream out =
        new java.io.ByteArrayOutputStream(old.length + added.length + 1);
    out.write(old, 0, end);
    if (!first) {
      out.write(',');
    }
    out.write(added, 0, added.length);
    out.write(CLOSING, 0, CLOSING.length);
    AtomicFiles.write(historyFile(name), out.toByteArray(), Durability.CACHED);
    return true;
  }

  /** A promise that is gone: its history moves to the archive now, whatever the day. */
  void retire(String name, Instant now) throws IOException {
    synchronized (lock(name)) {
      ObjectNode day = current(name);
      if (day != null) {
        rollOver(name, day, now);
      }
      days.remove(name);
    }
  }

  /**
   * The name's current history file, parsed, or null when there is none; a corrupt one is set
   * aside. One whose {@code "data"} is not the last field is rewritten in the shape {@link
   * #appendInPlace} expects at the next append.
   */
  private ObjectNode current(String name) throws IOException {
    days.remove(name);
    Path file = historyFile(name);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      JsonNode read = Json.read(file);
      if (read.isObject() && read.path("date").isNumber() && read.path("data").isArray()) {
        return dataLast((ObjectNode) read);
      }
    } catch (IOException e) {
      // Corrupt: set aside below.
    }
    Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis()),
        StandardCopyOption.REPLACE_EXISTING);
    return null;
  }

  private static ObjectNode dataLast(ObjectNode day) {
    JsonNode data = day.remove("data");
    day.set("data", data);
    return day;
  }

  private void rollOver(String name, ObjectNode day, Instant now) throws IOException {
    Files.createDirectories(archive);
    Path archived = archive.resolve(name + ".history." + dayOf(day) + ".json");
    AtomicFiles.write(archived, Json.bytes(day));
    appendStats(name, (ArrayNode) day.get("data"), now);
    Files.deleteIfExists(historyFile(name));
    days.remove(name);
    pruneArchive(name, utcDay(now));
  }

  private void appendStats(String name, ArrayNode data, Instant now) throws IOException {
    Map<String, Map<String, Integer>> countsByDay = new TreeMap<>();
    Map<String, String> lastStartByDay = new HashMap<>();
    for (JsonNode entry : data) {
      String start = entry.path("start-date").asText("");
      String dayKey = start.contains(" ") ? start.substring(0, start.indexOf(' ')) : start;
      countsByDay
          .computeIfAbsent(dayKey, k -> new TreeMap<>(Map.of("OK", 0, "ERROR", 0)))
          .merge(entry.path("status").asText("ERROR"), 1, Integer::sum);
      lastStartByDay.put(dayKey, start);
    }
    ObjectNode stats = readStats(name, now);
    ArrayNode entries = (ArrayNode) stats.get("data");
    countsByDay.forEach(
        (dayKey, counts) -> {
          ObjectNode line = entries.addObject();
          line.put("status", counts.getOrDefault("ERROR", 0) > 0 ? "ERROR" : "OK");
          line.put("change-time", Json.epochSeconds(now));
          line.put("start-date", lastStartByDay.get(dayKey));
          ObjectNode message = line.putObject("message");
          counts.forEach(message::put);
        });
    while (entries.size() > MAX_STATS_ENTRIES) {
      entries.remove(0);
    }
    AtomicFiles.write(statsFile(name), Json.bytes(stats));
  }

  private ObjectNode readStats(String name, Instant now) {
    Path file = statsFile(name);
    try {
      if (Files.exists(file)) {
        JsonNode read = Json.read(file);
        if (read.isObject() && read.path("data").isArray()) {
          return (ObjectNode) read;
        }
      }
    } catch (IOException e) {
      // A corrupt stats file is started afresh; it only summarises archived days.
    }
    ObjectNode stats = Json.mapper().createObjectNode();
    stats.put("date", Json.epochSeconds(now));
    stats.putArray("data");
    return stats;
  }

  private void pruneArchive(String name, LocalDate today) throws IOException {
    String prefix = name + ".history.";
    try (DirectoryStream<Path> files = Files.newDirectoryStream(archive, prefix + "*.json")) {
      for (Path file : files) {
        String date = file.getFileName().toString();
        date = date.substring(prefix.length(), date.length() - ".json".length());
        try {
          if (LocalDate.parse(date).isBefore(today.minusDays(retentionDays))) {
            Files.deleteIfExists(file);
          }
        } catch (java.time.format.DateTimeParseException e) {
          // Not one of ours (another name that shares the prefix); leave it.
        }
      }
    }
  }

  private static LocalDate dayOf(ObjectNode day) {
    return utcDay(Json.fromEpochSeconds(day.get("date").decimalValue()));
  }

  private static LocalDate utcDay(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
