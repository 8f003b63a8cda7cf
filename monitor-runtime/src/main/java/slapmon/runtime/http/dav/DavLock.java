package slapmon.runtime.http.dav;

import java.time.Instant;
import org.w3c.dom.Element;

/**
 * One write lock: its token, the relative path it was taken on (its lock root), the real path of
 * that resource (its key: the same file reached through another alias is the same resource),
 * depth, scope, owner and expiry (null for an infinite timeout).
 */
record DavLock(
    String token, String path, String key, boolean infinite, boolean exclusive, Element owner,
    long timeoutSeconds, Instant expires) {

  /**
   * Whether this lock applies to the resource at {@code relative} whose real path is {@code key}:
   * it is the lock's resource, or a descendant of it (by URL or on disk) for depth infinity.
   */
  boolean covers(String relative, String key) {
    return path.equals(relative) || this.key.equals(key)
        || (infinite && (DavPaths.within(relative, path) || DavPaths.within(key, this.key)));
  }

  /** Whether this lock's resource is {@code relative} ({@code key}) or below it. */
  boolean within(String relative, String key) {
    return DavPaths.within(path, relative) || DavPaths.within(this.key, key);
  }

  boolean expiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }

  DavLock refreshed(long seconds, Instant now) {
    return new DavLock(token, path, key, infinite, exclusive, owner, seconds,
        seconds < 0 ? null : now.plusSeconds(seconds));
  }
}
