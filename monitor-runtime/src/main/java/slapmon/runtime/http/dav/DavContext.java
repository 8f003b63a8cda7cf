package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;

/** What every DAV method needs: URL mapping, the lock table, request bodies and XML replies. */
final class DavContext {
  /**
   * The largest body of any method but PUT: PROPFIND, PROPPATCH and LOCK bodies are small, and a
   * parsed body costs many times its size.
   */
  static final int MAX_XML_BODY = 64 * 1024;

  final DavPaths paths;
  final LockTable locks;
  final Clock clock;
  final PutReceiver receiver;
  private final MonitorOwned owned;

  DavContext(DavPaths paths, Clock clock, MonitorOwned owned, PutReceiver receiver) {
    this.paths = paths;
    this.clock = clock;
    this.receiver = receiver;
    this.locks = new LockTable(clock);
    this.owned = owned;
  }

  /**
   * Fails with 403 when {@code action} (delete, move, replace) on {@code relative} would remove
   * or replace a folder or link of the monitor's own.
   */
  void requireNotOwned(String relative, String action) {
    owned.requireNotOwned(paths.location(relative), relative, action);
  }

  String relative(HttpServerExchange exchange) {
    return paths.relative(exchange.getRequestURI());
  }

  static String header(HttpServerExchange exchange, String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** A strong ETag from size and modification time, or null when the file does not exist. */
  static String etag(Path file) {
    try {
      return etag(Files.readAttributes(file, BasicFileAttributes.class));
    } catch (IOException e) {
      return null;
    }
  }

  static String etag(BasicFileAttributes a) {
    java.time.Instant t = a.lastModifiedTime().toInstant();
    return "\"" + Long.toHexString(a.size()) + "-" + Long.toHexString(t.getEpochSecond())
        + "." + Integer.toHexString(t.getNano()) + "\"";
  }

  /** The XML body of a request (at most {@link #MAX_XML_BODY} bytes), or null when it is empty. */
  static Document xmlBody(HttpServerExchange exchange) throws IOException {
    InputStream in = body(exchange);
    byte[] body = in.readNBytes(MAX_XML_BODY + 1);
    if (body.length > MAX_XML_BODY) {
      throw new DavError(413, "XML request body larger than " + MAX_XML_BODY + " bytes");
    }
    return DavXml.parse(body);
  }

  /** The request body stream, after answering {@code Expect: 100-continue} if the client asked. */
  static InputStream body(HttpServerExchange exchange) throws IOException {
    if (HttpContinue.requiresContinueResponse(exchange)) {
      HttpContinue.sendContinueResponseBlocking(exchange);
    }
    return exchange.getInputStream();
  }

  static boolean hasBody(HttpServerExchange exchange) throws IOException {
    String length = header(exchange, "Content-Length");
    if (length != null && !length.trim().equals("0")) {
      return true;
    }
    return header(exchange, "Transfer-Encoding") != null && body(exchange).read() >= 0;
  }

  /**
   * Checks the If header and the locks that a write to {@code relative} must satisfy; with
   * {@code deep}, locks below it too; with {@code parent}, the parent's locks (membership change).
   */
  void checkWrite(HttpServerExchange exchange, String relative, boolean deep, boolean parent) {
    requireLocks(relative, submitted(exchange, relative), deep, parent);
  }

  /** Evaluates the If header against {@code relative}; returns the lock tokens it submits. */
  Set<String> submitted(HttpServerExchange exchange, String relative) {
    IfHeader ifHeader = checkIf(exchange, relative);
    return ifHeader == null ? Set.of() : ifHeader.tokens();
  }

  /** Fails with 423 unless {@code tokens} satisfy the locks on {@code relative} (see checkWrite). */
  void requireLocks(String relative, Set<String> tokens, boolean deep, boolean parent) {
    String key = paths.key(relative);
    List<DavLock> held = deep ? locks.affecting(relative, key) : locks.covering(relative, key);
    if (parent && !relative.equals("/")) {
      String parentRel = DavPaths.parent(relative);
      for (DavLock l : locks.covering(parentRel, paths.key(parentRel))) {
        if (!held.contains(l)) {
          held.add(l);
        }
      }
    }
    LockTable.requireTokens(held, tokens, relative);
  }

  /** Evaluates the If header (412 when no list holds); returns it, or null when absent. */
  IfHeader checkIf(HttpServerExchange exchange, String relative) {
    String raw = header(exchange, "If");
    if (raw == null) {
      return null;
    }
    IfHeader ifHeader = IfHeader.parse(raw);
    boolean holds = ifHeader.holds((tag, c) -> {
      String target = relative;
      if (tag != null) {
        try {
          target = paths.relative(tag);
        } catch (DavError e) {
          return false;
        }
      }
      try {
        if (c.token() != null) {
          DavLock lock = locks.get(c.token());
          return lock != null && lock.covers(target, paths.key(target));
        }
        return c.etag().equals(etag(paths.file(target)));
      } catch (DavError e) {
        return false;
      }
    });
    if (!holds) {
      throw new DavError(412, relative + ": If header '" + raw + "' does not hold");
    }
    return ifHeader;
  }

  static void sendXml(HttpServerExchange exchange, int status, Document doc) {
    byte[] bytes = DavXml.serialize(doc);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(new HttpString("Content-Type"), "application/xml; charset=utf-8");
    exchange.getResponseHeaders().put(new HttpString("Content-Length"), bytes.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
  }

  static void sendStatus(HttpServerExchange exchange, int status) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(new HttpString("Content-Length"), 0);
    exchange.endExchange();
  }
}
