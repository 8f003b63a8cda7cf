package slapmon.runtime.http.dav;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.w3c.dom.Document;
import slapmon.runtime.log.LogText;

/**
 * A WebDAV class 1 and 2 handler serving one folder under a URL prefix; it never leaves the folder
 * except through symlinks whose real path lies inside the allowed roots, and it does no
 * authentication (put that in front of it).
 */
public final class DavHandler implements HttpHandler {
  private static final System.Logger LOG = System.getLogger(DavHandler.class.getName());

  /** Refusals worth a line in the log: bad or oversized input, the monitor's own paths, limits. */
  private static final Set<Integer> LOGGED_REFUSALS = Set.of(400, 403, 413, 503, 507);

  private final String description;
  private final DavContext ctx;
  private final FileMethods files;
  private final PropertyMethods properties;
  private final Proppatch proppatch;
  private final CopyMove copyMove;
  private final LockMethods lockMethods;

  /**
   * Serves {@code root} at {@code urlPrefix} (the full mount path, such as {@code "/share"}),
   * following symlinks only into {@code allowedRoots}; the folders and links in {@code
   * monitorOwned} cannot be deleted, moved or replaced; {@code clock} times locks.
   */
  public DavHandler(
      Path root, String urlPrefix, Set<Path> allowedRoots, Set<Path> monitorOwned, Clock clock) {
    this(root, urlPrefix, allowedRoots, monitorOwned, clock, PutReceiver.NONE);
  }

  /** As above, with the PUTs that {@code receiver} takes handed to it instead of written. */
  public DavHandler(
      Path root,
      String urlPrefix,
      Set<Path> allowedRoots,
      Set<Path> monitorOwned,
      Clock clock,
      PutReceiver receiver) {
    this.description = "DavHandler(" + root + " at " + urlPrefix + ")";
    this.ctx =
        new DavContext(
            new DavPaths(root, urlPrefix, allowedRoots),
            clock,
            new MonitorOwned(monitorOwned),
            receiver);
    this.files = new FileMethods(ctx);
    this.properties = new PropertyMethods(ctx);
    this.proppatch = new Proppatch(ctx);
    this.copyMove = new CopyMove(ctx);
    this.lockMethods = new LockMethods(ctx);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    if (!exchange.getRequestMethod().equals(Methods.PUT)) {
      // Only PUT carries a file; any other body is read whole, so a large one is refused unread.
      exchange.setMaxEntitySize(DavContext.MAX_XML_BODY);
    }
    exchange.startBlocking();
    try {
      dispatch(exchange);
    } catch (DavError e) {
      if (LOGGED_REFUSALS.contains(e.status)) {
        LOG.log(Level.INFO, "webdav method=" + exchange.getRequestMethod() + " path="
            + LogText.bounded(exchange.getRequestURI()) + " refused=" + e.status + " reason="
            + LogText.bounded(e.getMessage()));
      }
      if (e.condition == null) {
        refuse(exchange, e.status, e.getMessage());
      } else {
        fail(exchange, e.status, e.condition);
      }
    } catch (NoSuchFileException e) {
      fail(exchange, 404, null);
    } catch (AccessDeniedException e) {
      fail(exchange, 403, null);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      fail(exchange, 409, null);
    } catch (RequestTooBigException e) {
      fail(exchange, 413, null); // over the server's body limit: refused, not an internal error
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "webdav method=" + exchange.getRequestMethod() + " path="
          + LogText.bounded(exchange.getRequestURI()) + " failed: " + e, e);
      fail(exchange, 500, null);
    } catch (StackOverflowError e) {
      // Bodies are bounded in depth; should something still recurse too deep, one line says so.
      LOG.log(Level.WARNING, "webdav method=" + exchange.getRequestMethod() + " path="
          + LogText.bounded(exchange.getRequestURI()) + " failed: " + e);
      fail(exchange, 500, null);
    }
  }

  private void dispatch(HttpServerExchange exchange) throws IOException {
    switch (exchange.getRequestMethod().toString()) {
      case "OPTIONS" -> files.options(exchange);
      case "GET" -> files.get(exchange, true);
      case "HEAD" -> files.get(exchange, false);
      case "PUT" -> files.put(exchange);
      case "DELETE" -> files.delete(exchange);
      case "MKCOL" -> files.mkcol(exchange);
      case "PROPFIND" -> properties.propfind(exchange);
      case "PROPPATCH" -> proppatch.handle(exchange);
      case "COPY" -> copyMove.handle(exchange, false);
      case "MOVE" -> copyMove.handle(exchange, true);
      case "LOCK" -> lockMethods.lock(exchange);
      case "UNLOCK" -> lockMethods.unlock(exchange);
      default -> {
        exchange.getResponseHeaders().put(Headers.ALLOW, FileMethods.ALLOW);
        throw new DavError(405, exchange.getRequestMethod() + " is not supported");
      }
    }
  }

  /** The status with its reason as plain text (HEAD gets the status alone). */
  private static void refuse(HttpServerExchange exchange, int status, String reason) {
    if (exchange.isResponseStarted() || exchange.getRequestMethod().equals(Methods.HEAD)) {
      fail(exchange, status, null);
      return;
    }
    byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  private static void fail(HttpServerExchange exchange, int status, String condition) {
    if (exchange.isResponseStarted()) {
      exchange.endExchange();
      return;
    }
    if (condition == null) {
      DavContext.sendStatus(exchange, status);
      return;
    }
    Document doc = DavXml.newDocument();
    DavXml.add(DavXml.add(doc, "error"), condition);
    DavContext.sendXml(exchange, status, doc);
  }

  @Override
  public String toString() {
    return description;
  }
}
