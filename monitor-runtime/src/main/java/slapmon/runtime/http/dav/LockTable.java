package slapmon.runtime.http.dav;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live write locks of one DAV tree, kept in memory, bounded and expired by the injected clock.
 * A lock is on a resource (its real path), whatever URL it was taken or checked through.
 */
final class LockTable {
  /** Live locks in the whole tree: each costs memory and a line of every discovery listing it. */
  static final int MAX_LOCKS = 1_000;
  /** Shared locks that may overlap on one resource. */
  static final int MAX_SHARED = 16;

  private final Clock clock;
  private final Map<String, DavLock> byToken = new LinkedHashMap<>();

  LockTable(Clock clock) {
    this.clock = clock;
  }

  private void purge() {
    byToken.values().removeIf(l -> l.expiredAt(clock.instant()));
  }

  synchronized DavLock get(String token) {
    purge();
    return byToken.get(token);
  }

  synchronized int size() {
    purge();
    return byToken.size();
  }

  /**
   * Locks that apply to the resource at {@code relative} (real path {@code key}): rooted at it or
   * at an ancestor with depth infinity.
   */
  synchronized List<DavLock> covering(String relative, String key) {
    purge();
    List<DavLock> out = new ArrayList<>();
    for (DavLock l : byToken.values()) {
      if (l.covers(relative, key)) {
        out.add(l);
      }
    }
    return out;
  }

  /** Locks that apply to the resource or to anything below it. */
  synchronized List<DavLock> affecting(String relative, String key) {
    List<DavLock> out = covering(relative, key);
    for (DavLock l : byToken.values()) {
      if (!out.contains(l) && l.within(relative, key)) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * Adds {@code lock}; fails with 423 when it conflicts with a live one or the resource already
   * has {@link #MAX_SHARED} locks, with 503 when the table holds {@link #MAX_LOCKS}.
   */
  synchronized void add(DavLock lock) {
    purge();
    int overlapping = 0;
    for (DavLock l : byToken.values()) {
      boolean overlap = l.covers(lock.path(), lock.key())
          || (lock.infinite() && l.within(lock.path(), lock.key()));
      if (overlap) {
        if (l.exclusive() || lock.exclusive()) {
          throw new DavError(423, lock.path() + ": already locked", "no-conflicting-lock");
        }
        overlapping++;
      }
    }
    if (overlapping >= MAX_SHARED) {
      throw new DavError(423, lock.path() + ": already has " + overlapping
          + " shared locks, the most one resource may have");
    }
    if (byToken.size() >= MAX_LOCKS) {
      throw new DavError(503, lock.path() + ": " + MAX_LOCKS
          + " locks are held already, the most the server keeps; unlock some or wait for them"
          + " to expire");
    }
    byToken.put(lock.token(), lock);
  }

  synchronized void replace(DavLock lock) {
    byToken.put(lock.token(), lock);
  }

  synchronized boolean remove(String token) {
    return byToken.remove(token) != null;
  }

  /** Drops every lock rooted at the resource or below it (it was deleted or moved). */
  synchronized void removeBelow(String relative, String key) {
    byToken.values().removeIf(l -> l.within(relative, key));
  }

  /** Fails with 423 unless, for each lock in {@code locks}, a token of it (or a shared peer) is given. */
  static void requireTokens(List<DavLock> locks, Set<String> submitted, String relative) {
    for (DavLock l : locks) {
      boolean ok = submitted.contains(l.token());
      if (!ok && !l.exclusive()) {
        for (DavLock peer : locks) {
          ok |= !peer.exclusive() && peer.key().equals(l.key()) && submitted.contains(peer.token());
        }
      }
      if (!ok) {
        throw new DavError(423, relative + ": locked", "lock-token-submitted");
      }
    }
  }
}
