package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** LOCK (create and refresh, on existing or unmapped URLs) and UNLOCK. */
final class LockMethods {
  /** The largest owner element a lock keeps: a name or a URL, as clients send. */
  static final int MAX_OWNER_BYTES = 4 * 1024;

  private final DavContext ctx;

  LockMethods(DavContext ctx) {
    this.ctx = ctx;
  }

  void lock(HttpServerExchange exchange) throws IOException {
    String rel = ctx.relative(exchange);
    Path file = ctx.paths.file(rel);
    Document body = DavContext.xmlBody(exchange);
    Set<String> tokens = ctx.submitted(exchange, rel);
    long timeout = timeout(DavContext.header(exchange, "Timeout"));
    if (body == null) {
      refresh(exchange, rel, tokens, timeout);
      return;
    }
    Element info = body.getDocumentElement();
    Element scope = DavXml.child(info, DavXml.DAV, "lockscope");
    if (!DavXml.is(info, DavXml.DAV, "lockinfo") || scope == null) {
      throw new DavError(400, rel + ": LOCK body must be DAV:lockinfo with a lockscope");
    }
    boolean exclusive = DavXml.child(scope, DavXml.DAV, "exclusive") != null;
    boolean infinite = infinite(DavContext.header(exchange, "Depth"));
    boolean created = !Files.exists(file);
    if (created) {
      Path parent = file.getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new DavError(409, rel + ": parent collection does not exist");
      }
      ctx.requireNotOwned(rel, "create a locked empty file at");
      ctx.requireLocks(rel, tokens, false, true);
    }
    DavLock lock = new DavLock("opaquelocktoken:" + UUID.randomUUID(), rel, ctx.paths.key(rel),
        infinite, exclusive, owner(rel, info), timeout,
        ctx.clock.instant().plusSeconds(timeout));
    ctx.locks.add(lock);
    if (created) {
      // A locked-empty resource (RFC 4918 §7.3): an empty file that PUT later fills.
      Files.createFile(file);
    }
    exchange.getResponseHeaders().put(new HttpString("Lock-Token"), "<" + lock.token() + ">");
    reply(exchange, created ? 201 : 200, lock);
  }

  /** The owner element, copied out of the request (kept as long as the lock), bounded in size. */
  private static Element owner(String rel, Element info) {
    Element owner = DavXml.child(info, DavXml.DAV, "owner");
    if (owner == null) {
      return null;
    }
    int size = DavXml.serialize(owner).length;
    if (size > MAX_OWNER_BYTES) {
      throw new DavError(400, rel + ": LOCK owner of " + size + " bytes; at most "
          + MAX_OWNER_BYTES);
    }
    return DavXml.detached(owner);
  }

  private void refresh(HttpServerExchange exchange, String rel, Set<String> tokens, long timeout) {
    for (DavLock l : ctx.locks.covering(rel, ctx.paths.key(rel))) {
      if (tokens.contains(l.token())) {
        DavLock refreshed = l.refreshed(timeout, ctx.clock.instant());
        ctx.locks.replace(refreshed);
        reply(exchange, 200, refreshed);
        return;
      }
    }
    throw new DavError(412, rel + ": LOCK refresh without a token of a lock on it",
        "lock-token-submitted");
  }

  private void reply(HttpServerExchange exchange, int status, DavLock lock) {
    Document doc = DavXml.newDocument();
    Element discovery = DavXml.add(DavXml.add(doc, "prop"), "lockdiscovery");
    LockXml.discovery(discovery, List.of(lock), ctx.clock.instant(), ctx.paths);
    DavContext.sendXml(exchange, status, doc);
  }

  void unlock(HttpServerExchange exchange) {
    String rel = ctx.relative(exchange);
    ctx.paths.file(rel);
    String header = DavContext.header(exchange, "Lock-Token");
    if (header == null || !header.trim().startsWith("<") || !header.trim().endsWith(">")) {
      throw new DavError(400, rel + ": UNLOCK needs a Lock-Token header");
    }
    String token = header.trim().substring(1, header.trim().length() - 1);
    DavLock lock = ctx.locks.get(token);
    if (lock == null || !lock.covers(rel, ctx.paths.key(rel))) {
      throw new DavError(409, rel + ": no lock " + token + " here", "lock-token-matches-request-uri");
    }
    ctx.locks.remove(token);
    DavContext.sendStatus(exchange, 204);
  }

  private static boolean infinite(String depth) {
    String d = depth == null ? "infinity" : depth.trim().toLowerCase(Locale.ROOT);
    if (d.equals("0") || d.equals("infinity")) {
      return d.equals("infinity");
    }
    throw new DavError(400, "bad Depth '" + depth + "' for LOCK");
  }

  /**
   * A lock asked for without an end ({@code Infinite}, or no Timeout header) ends after an hour
   * unless refreshed: the lock table is bounded, and a forgotten lock must not hold a place in it
   * until the next restart. RFC 4918 lets the server choose the timeout it grants.
   */
  static final long UNBOUNDED_GRANT_SECONDS = 3600;

  /** The longest timeout granted to a lock that asks for one. */
  static final long LONGEST_GRANT_SECONDS = 24 * 3600;

  /** Seconds granted for a Timeout header: its first usable entry, bounded. */
  static long timeout(String header) {
    if (header == null) {
      return UNBOUNDED_GRANT_SECONDS;
    }
    for (String part : header.split(",")) {
      String t = part.trim();
      if (t.equalsIgnoreCase("Infinite")) {
        return UNBOUNDED_GRANT_SECONDS;
      }
      if (t.regionMatches(true, 0, "Second-", 0, 7)) {
        try {
          return Math.min(Long.parseLong(t.substring(7)), LONGEST_GRANT_SECONDS);
        } catch (NumberFormatException e) {
          // try the next entry
        }
      }
    }
    return UNBOUNDED_GRANT_SECONDS;
  }
}
