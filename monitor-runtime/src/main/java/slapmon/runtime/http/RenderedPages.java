package slapmon.runtime.http;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last listing page rendered for each of a few folders, given again while what it shows is the
 * same: the folder's listed entries (names, types, sizes, dates to the nanosecond), the heading
 * and the links. Bounded: {@link #FOLDERS} pages of at most {@link #MAX_PAGE_BYTES} bytes each.
 *
 * <p>A page is given again two ways. After a read of the folder (one stat per entry, as Apache
 * does) equal to the page's: only the rendering is saved. Or, with no read at all, when the page
 * is <em>vouched for</em> ({@link #unchanged}): its folder is watched ({@link FolderWatches}) and
 * the watch has no news since before the page's read, the folder is the same one with the same
 * own date (stat'ed per request), and the page lists only plain files of the folder itself (a
 * sub-folder's date or a symlink's target change without a notice on the folder's watch). An
 * entry created, removed or renamed changes the folder's own date: seen by the first request
 * after the change, as the page is vouched for only once the folder's date is older than {@link
 * #QUIET} before its stat (a date ticks coarsely: two changes within a tick share one). A file
 * rewritten in place (same name) is seen once the watch's thread has read the kernel's notice,
 * moments after the change.
 */
final class RenderedPages {
  static final int FOLDERS = 16;
  static final int MAX_PAGE_BYTES = 256 * 1024;
  /**
   * Longer than a tick of the kernel's coarse clock, which dates files (1-10 ms: HZ 1000-100), and
   * short: until then after a change, every request reads the folder.
   */
  static final Duration QUIET = Duration.ofMillis(20);

  /** What a page depends on besides the entries. */
  record Key(Path folder, String title, String base, boolean withParent) {
    // Written out, as StableListing.Entry's: no method handles made at the first listing.
    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && withParent == that.withParent
          && folder.equals(that.folder)
          && Objects.equals(title, that.title)
          && Objects.equals(base, that.base);
    }

    @Override
    public int hashCode() {
      return folder.hashCode();
    }
  }

  /**
   * The folder as stat'ed right before its entries were read, and its watch's count then.
   *
   * @param quiet whether its own date was older than {@link #QUIET} before that stat
   */
  record Seen(Object identity, FileTime modified, long changes, boolean quiet) {
    /** A read not preceded by its folder's stat: its page is never vouched for. */
    static final Seen UNSEEN = new Seen(null, null, FolderWatches.NOT_WATCHED, false);

    static Seen of(BasicFileAttributes folder, Instant before, long changes) {
      FileTime modified = folder.lastModifiedTime();
      return new Seen(folder.fileKey(), modified, changes,
          folder.fileKey() != null && modified.toInstant().isBefore(before.minus(QUIET)));
    }

    boolean sameFolder(BasicFileAttributes now) {
      return identity != null && identity.equals(now.fileKey())
          && modified.equals(now.lastModifiedTime());
    }
  }

  private static final class Page {
    final StableListing listing;
    final byte[] bytes;
    /** Set once the page is vouched for; its bytes in a direct buffer, for the I/O thread. */
    Seen vouched;
    ByteBuffer direct;

    Page(StableListing listing, byte[] bytes) {
      this.listing = listing;
      this.bytes = bytes;
    }
  }

  private final FolderWatches watches;
  private final Map<Key, Page> pages =
      new LinkedHashMap<>(FOLDERS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Page> eldest) {
          if (size() <= FOLDERS) {
            return false;
          }
          remove(eldest.getKey());
          unwatchUnlessListed(eldest.getKey().folder());
          return false;
        }
      };

  RenderedPages() {
    this(new FolderWatches());
  }

  RenderedPages(FolderWatches watches) {
    this.watches = watches;
  }

  /** What {@link #vouch} will need: the folder's count, taken before its entries are read. */
  Seen seen(Path folder, BasicFileAttributes statBefore, Instant timeBefore) {
    return Seen.of(statBefore, timeBefore, watches.changes(folder, statBefore.fileKey()));
  }

  /**
   * The page of {@code key} when it is vouched for and its folder, as stat'ed now, is the one and
   * as it was: no read of its entries needed.
   */
  Optional<ByteBuffer> unchanged(Key key, BasicFileAttributes folderNow) {
    Seen vouched;
    ByteBuffer direct;
    synchronized (this) {
      Page page = pages.get(key);
      if (page == null || page.vouched == null || !page.vouched.sameFolder(folderNow)) {
        return Optional.empty();
      }
      vouched = page.vouched;
      direct = page.direct;
    }
    if (watches.changes(key.folder(), vouched.identity()) != vouched.changes()) {
      return Optional.empty();
    }
    return Optional.of(direct.duplicate());
  }

  /** The page rendered for {@code key} when it showed exactly {@code listing}. */
  Optional<byte[]> page(Key key, StableListing listing, Seen seen) {
    boolean watchNow;
    byte[] bytes;
    synchronized (this) {
      Page page = pages.get(key);
      if (page == null || !page.listing.equals(listing)) {
        return Optional.empty();
      }
      bytes = page.bytes;
      boolean vouchable = listing.plainFiles() && seen.quiet();
      if (vouchable && seen.changes() != FolderWatches.NOT_WATCHED) {
        page.vouched = seen;
        if (page.direct == null) {
          // Direct: the TLS engine copies a heap buffer into a direct one it allocates per record.
          page.direct =
              ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        }
      } else {
        page.vouched = null;
      }
      // Given again after a read: a folder listed more than once, worth a watch from now on.
      watchNow = vouchable && seen.changes() == FolderWatches.NOT_WATCHED;
    }
    if (watchNow) {
      watches.watch(key.folder(), seen.identity());
    }
    return Optional.of(bytes);
  }

  /** Keeps {@code bytes} as the page of {@code key} showing {@code listing}, unless too large. */
  synchronized void keep(Key key, StableListing listing, byte[] bytes) {
    if (bytes.length <= MAX_PAGE_BYTES) {
      pages.put(key, new Page(listing, bytes));
    } else {
      pages.remove(key);
      unwatchUnlessListed(key.folder());
    }
  }

  /** Whether {@code folder} is watched (for tests). */
  boolean watched(Path folder, Object identity) {
    return watches.changes(folder, identity) != FolderWatches.NOT_WATCHED;
  }

  private void unwatchUnlessListed(Path folder) {
    for (Key kept : pages.keySet()) {
      if (kept.folder().equals(folder)) {
        return;
      }
    }
    watches.forget(folder);
  }
}
