package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;

/** COPY and MOVE inside the tree, honouring Destination, Overwrite, Depth and locks. */
final class CopyMove {
  private final DavContext ctx;

  CopyMove(DavContext ctx) {
    this.ctx = ctx;
  }

  void handle(HttpServerExchange exchange, boolean move) throws IOException {
    String rel = ctx.relative(exchange);
    Path source = ctx.paths.file(rel);
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new DavError(404, rel + ": not found");
    }
    String destRel = destination(exchange);
    boolean deep = deep(exchange, move);
    if (destRel.equals(rel) || (Files.isDirectory(source) && DavPaths.within(destRel, rel))
        || (move && rel.equals("/"))) {
      throw new DavError(403, rel + ": cannot " + (move ? "move" : "copy") + " onto " + destRel);
    }
    Path target = ctx.paths.file(destRel);
    Path parent = target.getParent();
    if (destRel.equals("/") || parent == null || !Files.isDirectory(parent)) {
      throw new DavError(409, destRel + ": parent collection does not exist");
    }
    boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    String overwrite = DavContext.header(exchange, "Overwrite");
    if (existed && overwrite != null && overwrite.trim().equalsIgnoreCase("F")) {
      throw new DavError(412, destRel + ": exists and Overwrite is F");
    }
    if (move) {
      ctx.requireNotOwned(rel, "move");
    }
    ctx.requireNotOwned(destRel, (move ? "move" : "copy") + " onto");
    Set<String> tokens = ctx.submitted(exchange, rel);
    if (move) {
      ctx.requireLocks(rel, tokens, true, true);
    }
    ctx.requireLocks(destRel, tokens, true, true);
    String sourceKey = ctx.paths.key(rel);
    if (existed) {
      String targetKey = ctx.paths.key(destRel);
      FileTrees.delete(target);
      DeadProperties.delete(target);
      ctx.locks.removeBelow(destRel, targetKey);
    }
    if (move) {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      DeadProperties.move(source, target);
      ctx.locks.removeBelow(rel, sourceKey);
    } else {
      FileTrees.copy(source, target, deep);
      DeadProperties.copy(source, target);
    }
    DavContext.sendStatus(exchange, existed ? 204 : 201);
  }

  private static boolean deep(HttpServerExchange exchange, boolean move) {
    String depth = DavContext.header(exchange, "Depth");
    String d = depth == null ? "infinity" : depth.trim().toLowerCase(Locale.ROOT);
    if (d.equals("infinity") || (d.equals("0") && !move)) {
      return d.equals("infinity");
    }
    throw new DavError(400, "bad Depth '" + depth + "' for " + (move ? "MOVE" : "COPY"));
  }

  private String destination(HttpServerExchange exchange) {
    String header = DavContext.header(exchange, "Destination");
    if (header == null) {
      throw new DavError(400, "missing Destination header");
    }
    String path = header;
    if (header.contains("://")) {
      URI uri;
      try {
        uri = new URI(header);
      } catch (URISyntaxException e) {
        throw new DavError(400, "malformed Destination '" + header + "'");
      }
      String host = DavContext.header(exchange, "Host");
      if (uri.getRawAuthority() == null || !uri.getRawAuthority().equalsIgnoreCase(host)) {
        throw new DavError(502, "Destination '" + header + "' is on another server");
      }
      path = uri.getRawPath();
    }
    try {
      return ctx.paths.relative(path);
    } catch (DavError e) {
      throw e.status == 404 ? new DavError(502, "Destination '" + header + "' is outside the share") : e;
    }
  }
}
