package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Refuses any path with a segment that starts with a dot ({@code .jio_documents}, {@code
 * .htpasswd}, a temporary file), as Apache's {@code .??*} rule did for the private tree, and any
 * NUL byte or {@code ..} segment that a client managed to send.
 */
final class HiddenFilesGuard implements HttpHandler {
  private final HttpHandler next;

  HiddenFilesGuard(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (refused(exchange.getRelativePath())) {
      exchange.setStatusCode(404);
      exchange.endExchange();
      return;
    }
    next.handleRequest(exchange);
  }

  static boolean refused(String decodedPath) {
    if (decodedPath.indexOf('\0') >= 0 || decodedPath.indexOf('\\') >= 0) {
      return true;
    }
    for (String segment : decodedPath.split("/", -1)) {
      if (segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "no-hidden-files -> " + next;
  }
}
