package slapmon.runtime.collect;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The size of the files under the partition's folder in MiB (their length, as {@code du
 * --apparent-size}), symbolic links not followed. The walk is bounded: at most {@code entryCap}
 * entries (beyond, the figure is the part walked, a lower bound) and at most once per {@code
 * refresh}; between walks the last figure is given again.
 */
final class FolderSize {
  /** Far more than a partition holds, few enough to walk in well under a second. */
  static final int DEFAULT_ENTRY_CAP = 200_000;

  /** slapos node collect runs {@code du -s} once a day; a slow figure all the same. */
  static final Duration DEFAULT_REFRESH = Duration.ofMinutes(10);

  private static final double MIB = 1024 * 1024;

  private final Path folder;
  private final int entryCap;
  private final Duration refresh;
  private Instant walkedAt;
  private OptionalDouble last = OptionalDouble.empty();

  FolderSize(Path folder, int entryCap, Duration refresh) {
    this.folder = folder;
    this.entryCap = entryCap;
    this.refresh = refresh;
  }

  /** The figure at {@code now}: walked again when the last walk is older than the refresh. */
  synchronized OptionalDouble mebibytes(Instant now) {
    if (walkedAt == null || !now.isBefore(walkedAt.plus(refresh)) || now.isBefore(walkedAt)) {
      last = walk();
      walkedAt = now;
    }
    return last;
  }

  private OptionalDouble walk() {
    if (!Files.isDirectory(folder)) {
      return OptionalDouble.empty();
    }
    long[] bytes = {0};
    int[] entries = {0};
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return ++entries[0] > entryCap ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            bytes[0] += attrs.size();
          }
          return ++entries[0] > entryCap ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // removed while walked, or not ours to read
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(bytes[0] / MIB);
  }
}
