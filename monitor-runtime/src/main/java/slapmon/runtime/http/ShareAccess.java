package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may do what under {@code /share} (SPEC A.10.3, with D.37's hole closed): OPTIONS is open,
 * reads under exactly {@code /share/public} or {@code /share/jio_public} are anonymous, everything
 * else needs credentials. A path with a {@code ..} segment or a NUL byte is refused outright, so
 * no anonymous path can climb out of the public trees.
 */
final class ShareAccess implements HttpHandler {
  static final Pattern ANONYMOUS_TREE = Pattern.compile("/share/(jio_)?public(/.*)?");
  static final Set<HttpString> READS =
      Set.of(Methods.GET, Methods.HEAD, Methods.OPTIONS, Methods.PROPFIND, Methods.REPORT);

  private final HttpHandler dav;
  private final HttpHandler authenticatedDav;

  ShareAccess(HttpHandler dav, HttpHandler authenticatedDav) {
    this.dav = dav;
    this.authenticatedDav = authenticatedDav;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    if (climbs(path)) {
      exchange.setStatusCode(400);
      exchange.endExchange();
      return;
    }
    HttpString method = exchange.getRequestMethod();
    boolean open =
        method.equals(Methods.OPTIONS)
            || (READS.contains(method) && ANONYMOUS_TREE.matcher(path).matches());
    (open ? dav : authenticatedDav).handleRequest(exchange);
  }

  static boolean climbs(String decodedPath) {
    if (decodedPath.indexOf('\0') >= 0 || decodedPath.indexOf('\\') >= 0) {
      return true;
    }
    for (String segment : decodedPath.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "share-access(anonymous reads under " + ANONYMOUS_TREE + ") -> " + dav;
  }
}
