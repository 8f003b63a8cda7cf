package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import slapmon.runtime.http.FolderListing;
import slapmon.runtime.http.HttpDate;
import slapmon.runtime.http.UserContent;

/** OPTIONS, GET, HEAD, PUT, DELETE and MKCOL on the files of the tree. */
final class FileMethods {
  static final String ALLOW =
      "OPTIONS, GET, HEAD, PUT, DELETE, MKCOL, PROPFIND, PROPPATCH, COPY, MOVE, LOCK, UNLOCK";

  private final DavContext ctx;

  FileMethods(DavContext ctx) {
    this.ctx = ctx;
  }

  void options(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(new HttpString("DAV"), "1, 2");
    exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
    exchange.getResponseHeaders().put(new HttpString("MS-Author-Via"), "DAV");
    DavContext.sendStatus(exchange, 200);
  }

  void get(HttpServerExchange exchange, boolean withBody) throws IOException {
    String rel = ctx.relative(exchange);
    Path file = ctx.paths.file(rel);
    if (!Files.exists(file)) {
      throw new DavError(404, rel + ": not found");
    }
    if (Files.isDirectory(file)) {
      FolderListing.dashboardStyled().send(exchange, exchange.getRequestPath(),
          ctx.paths.href(rel, true), !rel.equals("/"), file, ctx.paths::reachable);
      return;
    }
    UserContent.sandbox(exchange);
    exchange.getResponseHeaders().put(Headers.LAST_MODIFIED,
        HttpDate.of(Files.getLastModifiedTime(file).toInstant()));
    exchange.getResponseHeaders().put(Headers.ETAG, DavContext.etag(file));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, LiveProperties.contentType(file));
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, Files.size(file));
    exchange.setStatusCode(200);
    if (withBody) {
      Files.copy(file, exchange.getOutputStream());
    }
    exchange.endExchange();
  }

  void put(HttpServerExchange exchange) throws IOException {
    String rel = ctx.relative(exchange);
    Path file = ctx.paths.file(rel);
    if (rel.equals("/") || Files.isDirectory(file)) {
      throw new DavError(405, rel + ": is a collection");
    }
    Path parent = file.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new DavError(409, rel + ": parent collection does not exist");
    }
    boolean existed = Files.exists(file);
    ctx.requireNotOwned(rel, existed ? "replace" : "create a file at");
    ctx.checkWrite(exchange, rel, false, !existed);
    if (ctx.receiver.receives(file)) {
      receive(exchange, rel);
      return;
    }
    Path tmp = parent.resolve(DavPaths.SIDECAR_PREFIX + "put-" + UUID.randomUUID());
    try {
      Files.copy(DavContext.body(exchange), tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    exchange.getResponseHeaders().put(Headers.ETAG, DavContext.etag(file));
    DavContext.sendStatus(exchange, existed ? 204 : 201);
  }

  /** Hands the body to the receiver, which keeps it apart from every other: always created. */
  private void receive(HttpServerExchange exchange, String rel) throws IOException {
    String receipt;
    try {
      receipt = ctx.receiver.receive(DavContext.body(exchange));
    } catch (PutReceiver.Refused e) {
      throw new DavError(e.status(), rel + ": " + e.getMessage());
    }
    exchange.getResponseHeaders().put(new HttpString(PutReceiver.RECEIPT_HEADER), receipt);
    DavContext.sendStatus(exchange, 201);
  }

  void delete(HttpServerExchange exchange) throws IOException {
    String rel = ctx.relative(exchange);
    Path file = ctx.paths.file(rel);
    if (rel.equals("/")) {
      throw new DavError(403, "the root collection cannot be deleted");
    }
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new DavError(404, rel + ": not found");
    }
    ctx.requireNotOwned(rel, "delete");
    ctx.checkWrite(exchange, rel, true, true);
    String key = ctx.paths.key(rel);
    FileTrees.delete(file);
    DeadProperties.delete(file);
    ctx.locks.removeBelow(rel, key);
    DavContext.sendStatus(exchange, 204);
  }

  void mkcol(HttpServerExchange exchange) throws IOException {
    String rel = ctx.relative(exchange);
    Path file = ctx.paths.file(rel);
    if (DavContext.hasBody(exchange)) {
      throw new DavError(415, rel + ": MKCOL with a body is not supported");
    }
    if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new DavError(405, rel + ": already exists");
    }
    Path parent = file.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new DavError(409, rel + ": parent collection does not exist");
    }
    ctx.requireNotOwned(rel, "create a folder at");
    ctx.checkWrite(exchange, rel, false, true);
    Files.createDirectory(file);
    DavContext.sendStatus(exchange, 201);
  }

  static String guessType(Path file) {
    String type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
    return type == null ? "application/octet-stream" : type;
  }
}
