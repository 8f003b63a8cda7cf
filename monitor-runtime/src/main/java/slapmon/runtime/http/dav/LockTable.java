package slapmon.runtime.http.dav;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The live write locks of one DAV tree, kept in memory and expired by the injected clock. */
final class LockTable {
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

  /** Locks that apply to {@code relative}: rooted at it or at an ancestor with depth infinity. */
  synchronized List<DavLock> covering(String relative) {
    purge();
    List<DavLock> out = new ArrayList<>();
    for (DavLock l : byToken.values()) {
      if (l.covers(relative)) {
        out.add(l);
      }
    }
    return out;
  }

  /** Locks that apply to {@code relative} or to anything below it. */
  synchronized List<DavLock> affecting(String relative) {
    List<DavLock> out = covering(relative);
    for (DavLock l : byToken.values()) {
      if (!out.contains(l) && DavPaths.within(l.path(), relative)) {
        out.add(l);
      }
    }
    return out;
  }

  /** Adds {@code lock} unless it conflicts with a live one; returns whether it was added. */
  synchronized boolean add(DavLock lock) {
    purge();
    for (DavLock l : byToken.values()) {
      boolean overlap = l.covers(lock.path()) || (lock.infinite() && DavPaths.within(l.path(), lock.path()));
      if (overlap && (l.exclusive() || lock.exclusive())) {
        return false;
      }
    }
    byToken.put(lock.token(), lock);
    return true;
  }

  synchronized void replace(DavLock lock) {
    byToken.put(lock.token(), lock);
  }

  synchronized boolean remove(String token) {
    return byToken.remove(token) != null;
  }

  /** Drops every lock rooted at {@code relative} or below it (the resource was deleted or moved). */
  synchronized void removeBelow(String relative) {
    byToken.values().removeIf(l -> DavPaths.within(l.path(), relative));
  }

  /** Fails with 423 unless, for each lock in {@code locks}, a token of it (or a shared peer) is given. */
  static void requireTokens(List<DavLock> locks, Set<String> submitted, String relative) {
    for (DavLock l : locks) {
      boolean ok = submitted.contains(l.token());
      if (!ok && !l.exclusive()) {
        for (DavLock peer : locks) {
          ok |= !peer.exclusive() && peer.path().equals(l.path()) && submitted.contains(peer.token());
        }
      }
      if (!ok) {
        throw new DavError(423, relative + ": locked", "lock-token-submitted");
      }
    }
  }
}
