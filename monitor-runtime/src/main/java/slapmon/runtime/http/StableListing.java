package slapmon.runtime.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
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
 * @param plainFiles whether every listed entry is a file of the folder itself, neither a folder
 *     nor a symlink: what changes only with a notice on the folder's own watch
 */
public record StableListing(List<Entry> entries, long notListed, boolean plainFiles) {
  /** The most entries a listing shows; the rest are only counted. */
  public static final int MAX_ENTRIES = 10_000;

  /** A listing not known to hold only plain files. */
  public StableListing(List<Entry> entries, long notListed) {
    this(entries, notListed, false);
  }

  /** One listed entry, as it was when the folder was listed. */
  public record Entry(
      String name, boolean directory, OptionalLong size, Optional<Instant> lastModified) {
    // Written out: a record's own equals and hashCode go through method handles, made at their
    // first use at every start and slower per call without C2; a listing compares every entry.
    @Override
    public boolean equals(Object other) {
      return other instanceof Entry that
          && directory == that.directory
          && name.equals(that.name)
          && size.equals(that.size)
          && lastModified.equals(that.lastModified);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  // Written out, as Entry's.
  @Override
  public boolean equals(Object other) {
    return other instanceof StableListing that
        && notListed == that.notListed
        && plainFiles == that.plainFiles
        && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

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
    PriorityQueue<Child> first = new PriorityQueue<>(BY_NAME.reversed());
    long seen = 0;
    for (Path path : children) {
      // The name is what follows the last separator: cheaper than Path.getFileName() without C2.
      String full = path.toString();
      String name = full.substring(full.lastIndexOf('/') + 1);
      if (name.startsWith(".")) {
        continue;
      }
      seen++;
      first.add(new Child(name, path));
      if (first.size() > limit) {
        first.poll();
      }
    }
    List<Child> kept = new ArrayList<>(first);
    kept.sort(BY_NAME);
    // Through the open folder: one fstatat per entry, without the kernel's walk of the full path.
    Lookup lookup = children instanceof SecureDirectoryStream<Path> open
        ? child -> open.getFileAttributeView(Path.of(child.name()), BasicFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS).readAttributes()
        : child -> Files.readAttributes(
            child.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    List<Entry> entries = new ArrayList<>(kept.size());
    boolean plainFiles = true;
    for (Child child : kept) {
      BasicFileAttributes own;
      try {
        own = lookup.of(child);
      } catch (IOException vanished) {
        continue;
      }
      plainFiles &= own.isRegularFile();
      entry(child, own, reachable).ifPresent(entries::add);
    }
    return new StableListing(List.copyOf(entries), seen - kept.size(), plainFiles);
  }

  private static final Comparator<Child> BY_NAME = Comparator.comparing(Child::name);

  /** An entry's name, and its path as the directory stream gave it. */
  private record Child(String name, Path path) {}

  /** An entry's own attributes (a symlink's, not its target's). */
  private interface Lookup {
    BasicFileAttributes of(Child child) throws IOException;
  }

  /** The entry as shown, from its own attributes (a symlink's, not its target's). */
  private static Optional<Entry> entry(
      Child child, BasicFileAttributes own, Predicate<Path> reachable) {
    String name = child.name();
    BasicFileAttributes shown = own;
    if (own.isSymbolicLink()) {
      Path path = child.path();
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
