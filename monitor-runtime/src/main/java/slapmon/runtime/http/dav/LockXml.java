package slapmon.runtime.http.dav;

import java.time.Instant;
import java.util.List;
import org.w3c.dom.Element;

/** Writes {@code DAV:lockdiscovery} content for a set of locks. */
final class LockXml {
  private LockXml() {}

  /** Appends one {@code activelock} per lock to {@code discovery}, with hrefs from {@code paths}. */
  static void discovery(Element discovery, List<DavLock> locks, Instant now, DavPaths paths) {
    for (DavLock l : locks) {
      Element active = DavXml.add(discovery, "activelock");
      DavXml.add(DavXml.add(active, "locktype"), "write");
      DavXml.add(DavXml.add(active, "lockscope"), l.exclusive() ? "exclusive" : "shared");
      DavXml.add(active, "depth", l.infinite() ? "infinity" : "0");
      if (l.owner() != null) {
        active.appendChild(discovery.getOwnerDocument().importNode(l.owner(), true));
      }
      DavXml.add(active, "timeout", l.expires() == null ? "Infinite"
          : "Second-" + Math.max(0, l.expires().getEpochSecond() - now.getEpochSecond()));
      DavXml.add(DavXml.add(active, "locktoken"), "href", l.token());
      if (paths != null) {
        DavXml.add(DavXml.add(active, "lockroot"), "href", paths.href(l.path(), false));
      }
    }
  }
}
