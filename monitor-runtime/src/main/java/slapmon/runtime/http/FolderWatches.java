package slapmon.runtime.http;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * A change count per watched folder, moved on by the kernel's notice (inotify, through the JDK's
 * watch service) of any entry of it created, removed, renamed, written to or touched: a listing
 * page read when the count was N still shows the folder while the count is N, without a stat of
 * each entry. At most {@link #MAX_WATCHED} folders at once (whatever a client asks to list);
 * a folder not watched (over the bound, no watch service, a watch refused) counts {@link
 * #NOT_WATCHED}, and its listing is read as before. A notice reaches the count when the watch
 * service's thread has read it, shortly after the change: callers must not rely on the count
 * alone right after a change (see {@link RenderedPages}).
 */
final class FolderWatches {
  static final int MAX_WATCHED = RenderedPages.FOLDERS;
  static final long NOT_WATCHED = -1;

  /** The service, opened at the first watch; null before, and for good once it failed. */
  private WatchService service;
  private boolean unavailable;
  private final Map<Path, Watch> byFolder = new HashMap<>();
  private final Map<WatchKey, Watch> byKey = new HashMap<>();

  private static final class Watch {
    final Path folder;
    /** The folder's identity (device and inode) when its watch began: the watch is of that one. */
    final Object identity;
    final WatchKey key;
    long changes;

    Watch(Path folder, Object identity, WatchKey key) {
      this.folder = folder;
      this.identity = identity;
      this.key = key;
    }
  }

  /**
   * The change count of the folder at {@code folder} when it is {@code identity} (its {@code
   * fileKey}), or {@link #NOT_WATCHED}: another folder renamed into its place is not the one
   * watched.
   */
  synchronized long changes(Path folder, Object identity) {
    drain();
    Watch watch = byFolder.get(folder);
    return watch == null || !watch.identity.equals(identity) ? NOT_WATCHED : watch.changes;
  }

  /**
   * Starts watching {@code folder}, unless it is already watched; false when it cannot be (the
   * bound reached, no watch service, the folder gone or replaced). The watch sees changes from
   * its start only: a listing read before it is not vouched for.
   *
   * @param identity the folder's {@code fileKey}, as a stat before this call saw it
   */
  boolean watch(Path folder, Object identity) {
    WatchService opened;
    synchronized (this) {
      Watch known = byFolder.get(folder);
      if (known != null && known.identity.equals(identity)) {
        return true;
      }
      forget(folder);
      if (byFolder.size() >= MAX_WATCHED || (opened = service()) == null) {
        return false;
      }
    }
    WatchKey key;
    try {
      // Outside the lock: a registration waits for the watch service's thread.
      key = folder.register(opened, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
      // The watch is of the inode the path named when it was made: the one seen before, or none.
      if (!identity.equals(Files.readAttributes(folder, BasicFileAttributes.class).fileKey())) {
        cancelUnlessShared(key);
        return false;
      }
    } catch (IOException | ClosedWatchServiceException | UnsupportedOperationException refused) {
      return false;
    }
    synchronized (this) {
      if (byKey.containsKey(key) || byFolder.containsKey(folder)
          || byFolder.size() >= MAX_WATCHED) {
        // Watched meanwhile, or the same folder under another name (one key per inode): that
        // watch's count is not this path's to move.
        cancelUnlessShared(key);
        return false;
      }
      Watch watch = new Watch(folder, identity, key);
      byFolder.put(folder, watch);
      byKey.put(key, watch);
      return true;
    }
  }

  /** Stops watching {@code folder} (its page no longer kept): frees a place for another. */
  synchronized void forget(Path folder) {
    Watch watch = byFolder.remove(folder);
    if (watch != null) {
      byKey.remove(watch.key);
      watch.key.cancel();
    }
  }

  /** Ends every watch and the service's thread (tests: the server's listing lives as long). */
  synchronized void close() throws IOException {
    byFolder.clear();
    byKey.clear();
    unavailable = true;
    if (service != null) {
      service.close();
      service = null;
    }
  }

  private synchronized void cancelUnlessShared(WatchKey key) {
    if (!byKey.containsKey(key)) {
      key.cancel();
    }
  }

  /** How many folders are watched. */
  synchronized int watched() {
    return byFolder.size();
  }

  private WatchService service() {
    if (service == null && !unavailable) {
      try {
        service = FileSystems.getDefault().newWatchService();
      } catch (IOException | UnsupportedOperationException noInotify) {
        unavailable = true; // e.g. the user's inotify instances all taken: listings read as before
      }
    }
    return service;
  }

  /** Moves on the count of every folder the service has news of (OVERFLOW included). */
  private void drain() {
    if (service == null) {
      return;
    }
    for (WatchKey key = service.poll(); key != null; key = service.poll()) {
      key.pollEvents();
      Watch watch = byKey.get(key);
      if (watch == null) {
        continue; // cancelled meanwhile
      }
      watch.changes++;
      if (!key.reset()) {
        // The folder is gone or its watch was dropped: no longer vouched for.
        byKey.remove(key);
        byFolder.remove(watch.folder);
      }
    }
  }
}
