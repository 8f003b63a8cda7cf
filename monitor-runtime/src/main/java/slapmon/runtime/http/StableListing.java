package slapmon.runtime.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * A folder's entries as a listing shows them, taken once and bounded: the first {@code limit}
 * names in order (a folder of 100,000 files costs the memory of {@code limit} names, not of
 * 100,000), each entry's date and size read when the folder is listed. An entry that vanished in
 * between (a status file replaced by its rename, a retired promise's file) is left out instead of
 * failing the whole listing. Names starting with a dot are not listed: unfinished atomic writes
 * ({@code .NAME.tmp-…}), WebDAV sidecars, {@code .jio_documents} (refused as URLs anyway), as
 * Apache's {@code IndexIgnore .??*} did. A symlink whose target lies outside the reachable folders
 * is left out; a dangling one is listed without size or date (a path-list log not written yet).
 *
 * @param entries the listed entries, sorted by name
 * @param notListed how many more entries the folder holds beyond the limit
 */
public record StableListing(List<Entry> entries, long notListed) {
  /** The most entries a listing shows; the rest are only counted. */
  public static final int MAX_ENTRIES = 10_000;

  /** One listed entry, as it was when the folder was listed. */
  public record Entry(
      String name, boolean directory, OptionalLong size, Optional<Instant> lastModified) {}

  /**
   * Lists {@code folder}.
   *
   * @param reachable whether the real path a symlink leads to may be shown
   */
  public static StableListing read(Path folder, int limit, Predicate<Path> reachable)
      throws IOException {
    try (DirectoryStream<Path> names = Files.newDirectoryStream(folder)) {
      return read(folder, names, limit, reachable);
    }
  }

  /** The entries among {@code children}, as a directory stream of {@code folder} gives them. */
  static StableListing read(
      Path folder, Iterable<Path> children, int limit, Predicate<Path> reachable) {
    // The largest name on top: when a smaller one comes, the largest of those kept goes.
    PriorityQueue<String> first = new PriorityQueue<>(Comparator.reverseOrder());
    long seen = 0;
    for (Path path : children) {
      String name = path.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      seen++;
      first.add(name);
      if (first.size() > limit) {
        first.poll();
      }
    }
    List<String> names = new ArrayList<>(first);
    Collections.sort(names);
    List<Entry> entries = new ArrayList<>(names.size());
    for (String name : names) {
      entry(folder.resolve(name), reachable).ifPresent(entries::add);
    }
    return new StableListing(List.copyOf(entries), seen - names.size());
  }

  private static Optional<Entry> entry(Path path, Predicate<Path> reachable) {
    String name = path.getFileName().toString();
    BasicFileAttributes own;
    try {
      own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException vanished) {
      return Optional.empty();
    }
    BasicFileAttributes shown = own;
    if (own.isSymbolicLink()) {
      try {
        if (!reachable.test(path.toRealPath())) {
          return Optional.empty();
        }
        shown = Files.readAttributes(path, BasicFileAttributes.class);
      } catch (IOException dangling) {
        return Optional.of(new Entry(name, false, OptionalLong.empty(), Optional.empty()));
      }
    }
    boolean directory = shown.isDirectory();
    return Optional.of(new Entry(name, directory,
        directory ? OptionalLong.empty() : OptionalLong.of(shown.size()),
        Optional.of(shown.lastModifiedTime().toInstant())));
  }
}
