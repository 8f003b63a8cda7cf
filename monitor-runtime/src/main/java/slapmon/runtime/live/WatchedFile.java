package slapmon.runtime.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One file whose changes the running monitor takes: it counts as changed when its modification
 * time, size or identity differ from the last look (an atomic rewrite always changes its identity),
 * looked at no more often than {@code interval}. Not thread-safe: its owner holds a lock.
 */
public final class WatchedFile {
  private final Path path;
  private final Duration interval;
  private final Clock clock;
  private Instant lastLook = Instant.MIN;
  private List<Object> stamp; // null until the first look

  public WatchedFile(Path path, Duration interval, Clock clock) {
    this.path = Objects.requireNonNull(path, "path");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path path() {
    return path;
  }

  /** Whether the file changed since the last look (true at the first); false when not yet due. */
  public boolean changed() {
    Instant now = clock.instant();
    if (!interval.isZero() && now.isBefore(lastLook.plus(interval))) {
      return false;
    }
    lastLook = now;
    List<Object> current = stampOf(path);
    if (current.equals(stamp)) {
      return false;
    }
    stamp = current;
    return true;
  }

  /** Whether the file existed at the last look. */
  public boolean existed() {
    return stamp != null && !stamp.isEmpty();
  }

  /** Makes the next {@link #changed} look at the file, however recent the last look. */
  public void lookNextTime() {
    lastLook = Instant.MIN;
  }

  /** The file's modification time, size and identity; empty when it does not exist. */
  public static List<Object> stampOf(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      Object key = attributes.fileKey() == null ? "" : attributes.fileKey();
      return List.of(attributes.lastModifiedTime(), attributes.size(), key);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of("unreadable", e.getClass().getName());
    }
  }
}
