package slapmon.runtime.promise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;
import slapmon.runtime.io.WriteFailures;
import slapmon.runtime.json.Json;
import slapmon.runtime.process.PromiseMessage;

/**
 * The history of each promise or report: {@code NAME.history.json} holds the current UTC day in the
 * legacy shape ({@code {"date": created, "data": [full first entry, then short entries]}}). The
 * first write after midnight moves the finished day to {@code ARCHIVE/NAME.history.YYYY-MM-DD.json},
 * appends that day's OK/ERROR counts to {@code NAME.stats.json} and drops archives older than the
 * retention. A corrupt file found is renamed aside and started afresh. Thread-safe: one lock per
 * name.
 *
 * <p>An append writes its entry only, never the day again: beside the published file is a hidden
 * spare, {@code .NAME.history.json.spare}, the same day short of the last entry. The append writes
 * the missing entries into the spare before its closing {@code ]}}, renames the spare over the
 * published file (readers see the old day or the new one, whole, as with {@link AtomicFiles}) and
 * keeps the file it replaced, through a hard link, as the next spare. A spare is only written once
 * no reader is sent to it, so a read that lasts less than a period is never torn. After a kill the
 * spare may be torn: it is made again from the published file at the first append of a runtime
 * (the only time a day is read whole, one entry at a time). Each message is kept within {@link
 * #MESSAGE_CAP} bytes (its head and tail); once the day's file is over {@link #DAY_CAP}, entries
 * are recorded without their message.
 */
final class HistoryStore {
  /**
   * The seed's short entry, the fields today's original writes in every entry (§B.4), then the
   * severity ({@code nagios-status}: OK, WARNING, CRITICAL, UNKNOWN, TIMEOUT, ERROR), which the
   * legacy OK/ERROR {@code status} does not tell.
   */
  static final List<String> SHORT_FIELDS =
      List.of(
          "status", "change-time", "start-date", "message", "execution-time", "failed", "date",
          "change-date", "nagios-status");
  static final int MAX_STATS_ENTRIES = 400;
  /** The bytes of UTF-8 kept of each message in the history; the status file keeps it whole. */
  static final int MESSAGE_CAP = 4 * 1024;
  /** Once a day's file is this large, its next entries are recorded without their message. */
  static final long DAY_CAP = 2L * 1024 * 1024;
  static final String MESSAGE_NOT_KEPT =
      "[message not kept: this day's history is over " + DAY_CAP / (1024 * 1024) + " MiB]";

  private final Path folder;
  private final Path archive;
  private final int retentionDays;

  /**
   * What this store last published of each name's day: the file it wrote (to notice a file
   * replaced by someone else) and the entry its spare lacks. Never the entries themselves.
   */
  private final Map<String, Tail> tails = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param fileKey and {@code size}: the published file as written
   * @param pending the last entry, which the spare lacks; null when the spare is the published day
   */
  private record Tail(LocalDate day, Object fileKey, long size, long entries, byte[] pending) {}

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

  /** The published day short of its last entry; hidden, so never served. */
  Path spareFile(String name) {
    return HistoryWorkFiles.spare(folder, name);
  }

  /** The published day's second name while the spare takes its place. */
  private Path swapFile(String name) {
    return HistoryWorkFiles.swap(folder, name);
  }

  /** Adds one result (the status document without {@code _links}) to the name's history. */
  void append(String name, ObjectNode entry, Instant now) throws IOException {
    synchronized (lock(name)) {
      // The spare is written in place, not through AtomicFiles: its failures are told here, so
      // that a full disk is reported once, as for every other write.
      try {
        FileChannel locked = lockAcrossProcesses(name);
        try {
          appendLocked(name, entry, now);
        } finally {
          locked.close();
        }
        WriteFailures.succeeded();
      } catch (IOException e) {
        WriteFailures.failed(historyFile(name), e);
        throw e;
      }
    }
  }

  /**
   * The name's lock file, locked: a {@code slapmon promise run} beside the runtime appends to the
   * same files, and two writers of one spare would tear it. Each finds the other's append by the
   * published file's identity and reads the day again. Closing the channel releases the lock.
   */
  private FileChannel lockAcrossProcesses(String name) throws IOException {
    FileChannel channel =
        FileChannel.open(
            HistoryWorkFiles.lock(folder, name),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    try {
      channel.lock();
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** One lock per name: histories of different promises are written in parallel. */
  private Object lock(String name) {
    return locks.computeIfAbsent(name, n -> new Object());
  }

  private void appendLocked(String name, ObjectNode entry, Instant now) throws IOException {
    // Removed until this append succeeds: a failure leaves the next one to read the files again.
    Tail tail = tails.remove(name);
    if (tail == null || !isPublished(name, tail) || !isSpareIntact(name, tail)) {
      tail = load(name, now);
    }
    if (tail != null && !tail.day().equals(utcDay(now))) {
      rollOver(name, now);
      tail = null;
    }
    tails.put(name, tail == null ? startDay(name, entry, now) : add(name, tail, shortEntry(entry)));
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

  /** {@code entry} with its message as the history keeps it in a day of {@code daySize} bytes. */
  private static ObjectNode withKeptMessage(ObjectNode entry, long daySize) {
    JsonNode message = entry.get("message");
    if (message == null || !message.isTextual()) {
      return entry;
    }
    entry.put(
        "message",
        daySize >= DAY_CAP
            ? MESSAGE_NOT_KEPT
            : PromiseMessage.capped(message.asText(), MESSAGE_CAP));
    return entry;
  }

  private Tail startDay(String name, ObjectNode entry, Instant now) throws IOException {
    JsonNode date = Json.mapper().getNodeFactory().numberNode(Json.epochSeconds(now));
    byte[] day = HistoryDay.first(date, withKeptMessage(entry.deepCopy(), 0));
    Path spare = spareFile(name);
    Files.deleteIfExists(spare);
    Files.write(spare, day, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    Files.setPosixFilePermissions(spare, AtomicFiles.DEFAULT_MODE);
    AtomicFiles.write(historyFile(name), day, Durability.CACHED);
    return published(name, utcDay(now), 1, null);
  }

  /** Writes {@code small} and the entry the spare lacks into the spare, then publishes it. */
  private Tail add(String name, Tail tail, ObjectNode small) throws IOException {
    byte[] added = Json.bytes(withKeptMessage(small, tail.size()));
    byte[] pending = tail.pending();
    long spareEntries = tail.entries() - (pending == null ? 0 : 1);
    java.io.ByteArrayOutputStream end = new java.io.ByteArrayOutputStream(
        added.length + (pending == null ? 0 : pending.length) + 4);
    long count = spareEntries;
    for (byte[] bytes : pending == null ? List.of(added) : List.of(pending, added)) {
      if (count++ > 0) {
        end.write(',');
      }
      end.write(bytes, 0, bytes.length);
    }
    end.write(']');
    end.write('}');
    try (FileChannel channel = FileChannel.open(spareFile(name), StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(end.toByteArray());
      long at = spareSize(tail) - HistoryDay.closingLength();
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
    }
    boolean swapped = publishSpare(name);
    return published(name, tail.day(), tail.entries() + 1, swapped ? added : null);
  }

  /**
   * Renames the spare over the published file, which stays as the next spare; true when so. Where
   * hard links cannot be made, the published file is written again from the spare, which then
   * holds the whole day (false).
   */
  private boolean publishSpare(String name) throws IOException {
    Path file = historyFile(name);
    Path spare = spareFile(name);
    Path swap = swapFile(name);
    Files.deleteIfExists(swap);
    try {
      Files.createLink(swap, file);
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      if (e instanceof java.nio.file.NoSuchFileException) {
        throw (java.nio.file.NoSuchFileException) e;
      }
      AtomicFiles.write(file, out -> Files.copy(spare, out), Durability.CACHED);
      return false;
    }
    Files.move(spare, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.move(swap, spare, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return true;
  }

  private Tail published(String name, LocalDate day, long entries, byte[] pending)
      throws IOException {
    BasicFileAttributes written = attributes(historyFile(name));
    return new Tail(day, written.fileKey(), written.size(), entries, pending);
  }

  private static long spareSize(Tail tail) {
    if (tail.pending() == null) {
      return tail.size();
    }
    return tail.size() - tail.pending().length - (tail.entries() > 1 ? 1 : 0);
  }

  /** The published file is still the one this store wrote (not replaced, moved or edited). */
  private boolean isPublished(String name, Tail tail) throws IOException {
    try {
      BasicFileAttributes now = attributes(historyFile(name));
      return now.isRegularFile()
          && java.util.Objects.equals(now.fileKey(), tail.fileKey())
          && now.size() == tail.size();
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  private boolean isSpareIntact(String name, Tail tail) throws IOException {
    Path spare = spareFile(name);
    try {
      BasicFileAttributes attributes = attributes(spare);
      return attributes.isRegularFile()
          && attributes.size() == spareSize(tail)
          && HistoryDay.endsWithClosing(spare);
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Reads the name's current day through and makes its spare, rewriting it first when it is not in
   * the shape an append expects; null when there is none (a corrupt one is set aside). The day of a
   * file from an earlier day is only read, for the caller to roll over.
   */
  private Tail load(String name, Instant now) throws IOException {
    Path file = historyFile(name);
    Files.deleteIfExists(swapFile(name));
    Files.deleteIfExists(spareFile(name));
    HistoryDay.Summary summary = readOrSetAside(file, entry -> {});
    if (summary == null) {
      return null;
    }
    LocalDate day = dayOf(summary.date());
    if (!day.equals(utcDay(now))) {
      return new Tail(day, null, -1, summary.entries(), null);
    }
    if (!summary.appendable()) {
      AtomicFiles.write(
          file, out -> HistoryDay.rewrite(file, summary.date(), out), Durability.CACHED);
    }
    Path spare = spareFile(name);
    Files.copy(file, spare, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(spare, AtomicFiles.DEFAULT_MODE);
    Tail tail = published(name, day, summary.entries(), null);
    if (Files.size(spare) != tail.size()) {
      throw new IOException(
          file + ": changed while its spare was made; read again at the next run");
    }
    return tail;
  }

  /** The day in {@code file} read through; null when there is none (a corrupt one set aside). */
  private static HistoryDay.Summary readOrSetAside(Path file, HistoryDay.EntryVisitor visitor)
      throws IOException {
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return HistoryDay.read(file, visitor);
      }
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      // Corrupt: set aside below.
    }
    Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis()),
        StandardCopyOption.REPLACE_EXISTING);
    return null;
  }

  /** A promise that is gone: its history moves to the archive now, whatever the day. */
  void retire(String name, Instant now) throws IOException {
    synchronized (lock(name)) {
      tails.remove(name);
      FileChannel locked = lockAcrossProcesses(name);
      try {
        rollOver(name, now);
      } finally {
        locked.close();
      }
    }
  }

  /** Archives the name's current day, if any, counts it in the stats and removes it. */
  private void rollOver(String name, Instant now) throws IOException {
    tails.remove(name);
    Path file = historyFile(name);
    DayCounts counts = new DayCounts();
    HistoryDay.Summary summary = readOrSetAside(file, counts);
    if (summary != null) {
      Files.createDirectories(archive);
      Path archived = archive.resolve(name + ".history." + dayOf(summary.date()) + ".json");
      AtomicFiles.write(
          archived, out -> HistoryDay.rewrite(file, summary.date(), out), Durability.SYNCED);
      appendStats(name, counts, now);
      Files.deleteIfExists(file);
    }
    Files.deleteIfExists(spareFile(name));
    Files.deleteIfExists(swapFile(name));
    if (summary != null) {
      pruneArchive(name, utcDay(now));
    }
  }

  /** The OK/ERROR counts of a day's entries by the day of their start date, as read. */
  private static final class DayCounts implements HistoryDay.EntryVisitor {
    final Map<String, Map<String, Integer>> countsByDay = new TreeMap<>();
    final Map<String, String> lastStartByDay = new HashMap<>();

    @Override
    public void entry(JsonNode entry) {
      String start = entry.path("start-date").asText("");
      String dayKey = start.contains(" ") ? start.substring(0, start.indexOf(' ')) : start;
      countsByDay
          .computeIfAbsent(dayKey, k -> new TreeMap<>(Map.of("OK", 0, "ERROR", 0)))
          .merge(entry.path("status").asText("ERROR"), 1, Integer::sum);
      lastStartByDay.put(dayKey, start);
    }
  }

  private void appendStats(String name, DayCounts counts, Instant now) throws IOException {
    Map<String, String> lastStartByDay = counts.lastStartByDay;
    ObjectNode stats = readStats(name, now);
    ArrayNode entries = (ArrayNode) stats.get("data");
    counts.countsByDay.forEach(
        (dayKey, byStatus) -> {
          ObjectNode line = entries.addObject();
          line.put("status", byStatus.getOrDefault("ERROR", 0) > 0 ? "ERROR" : "OK");
          line.put("change-time", Json.epochSeconds(now));
          line.put("start-date", lastStartByDay.get(dayKey));
          ObjectNode message = line.putObject("message");
          byStatus.forEach(message::put);
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

  private static LocalDate dayOf(JsonNode date) {
    return utcDay(Json.fromEpochSeconds(date.decimalValue()));
  }

  private static BasicFileAttributes attributes(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static LocalDate utcDay(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
