package slapmon.runtime.http.dav;

import java.time.Instant;
import org.w3c.dom.Element;

/**
 * One write lock: its token, the relative path it is rooted at, depth, scope, owner and expiry
 * (null for an infinite timeout).
 */
record DavLock(
    String token, String path, boolean infinite, boolean exclusive, Element owner,
    long timeoutSeconds, Instant expires) {

  /** Whether this lock applies to {@code relative} (its root, or a descendant for depth infinity). */
  boolean covers(String relative) {
    return path.equals(relative) || (infinite && DavPaths.within(relative, path));
  }

  boolean expiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }

  DavLock refreshed(long seconds, Instant now) {
    return new DavLock(token, path, infinite, exclusive, owner, seconds,
        seconds < 0 ? null : now.plusSeconds(seconds));
  }
}
