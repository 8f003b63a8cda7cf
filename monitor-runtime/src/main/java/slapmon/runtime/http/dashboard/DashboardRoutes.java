package slapmon.runtime.http.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The two HTTP handlers of the built-in dashboard: the page at {@code /} and its files under
 * {@link #ASSETS_PREFIX}. The prefix starts with a dot, so it cannot collide with a file of the
 * private folder (served under {@code /}, where a path segment starting with a dot is refused).
 * Both must be wrapped in authentication by the caller.
 */
public final class DashboardRoutes {
  /** Where the dashboard's files are served: {@code /.slapmon/dashboard/VERSION/NAME}. */
  public static final String ASSETS_PREFIX = "/.slapmon/dashboard";

  /**
   * Scripts, styles and data only from this server: nothing from a CDN or another site, no inline
   * script or style, no framing, no form sent elsewhere.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none';"
          + " form-action 'self'";

  /** The page changes with every deployment and shows private data: never stored by a cache. */
  static final String PAGE_CACHE = "private, no-store";

  /** A file's URL changes with its content, so browsers may keep it; shared caches may not. */
  static final String ASSET_CACHE = "private, max-age=31536000, immutable";

  private static final HttpString CSP = new HttpString("Content-Security-Policy");
  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
  private static final HttpString REFERRER = new HttpString("Referrer-Policy");

  private final DashboardAssets assets;

  public DashboardRoutes(DashboardAssets assets) {
    this.assets = assets;
  }

  /** The page, for the exact path {@code /}. */
  public HttpHandler page() {
    return new HttpHandler() {
      @Override
      public void handleRequest(HttpServerExchange exchange) {
        if (!readOnly(exchange)) {
          return;
        }
        secured(exchange, PAGE_CACHE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send(assets.page());
      }

      @Override
      public String toString() {
        return "dashboard-page";
      }
    };
  }

  /** A small icon: a status dot. */
  static final String FAVICON =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\">"
          + "<circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#2e7d32\"/></svg>";

  /**
   * {@code /favicon.ico}, which every browser and many tools ask for: an icon rather than a 404 in
   * the access log of every visit. Public: it tells nothing, and a browser asks without credentials.
   */
  public HttpHandler favicon() {
    return new HttpHandler() {
      @Override
      public void handleRequest(HttpServerExchange exchange) {
        if (!readOnly(exchange)) {
          return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/svg+xml");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, max-age=86400");
        exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
        exchange.getResponseSender().send(FAVICON);
      }

      @Override
      public String toString() {
        return "dashboard-favicon";
      }
    };
  }

  /** The files, for the prefix {@link #ASSETS_PREFIX}; a stale or unknown version is not found. */
  public HttpHandler files() {
    return new HttpHandler() {
      @Override
      public void handleRequest(HttpServerExchange exchange) {
        if (!readOnly(exchange)) {
          return;
        }
        Optional<DashboardAssets.Asset> asset = find(exchange.getRelativePath());
        if (asset.isEmpty()) {
          secured(exchange, PAGE_CACHE);
          exchange.setStatusCode(404);
          exchange.endExchange();
          return;
        }
        secured(exchange, ASSET_CACHE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, asset.get().contentType());
        exchange.getResponseSender().send(ByteBuffer.wrap(asset.get().content()));
      }

      @Override
      public String toString() {
        return "dashboard-files(" + ASSETS_PREFIX + "/" + assets.version() + ")";
      }
    };
  }

  /** {@code /VERSION/NAME} with this build's version and a known name. */
  Optional<DashboardAssets.Asset> find(String relativePath) {
    String expected = "/" + assets.version() + "/";
    if (!relativePath.startsWith(expected)) {
      return Optional.empty();
    }
    return assets.file(relativePath.substring(expected.length()));
  }

  /** GET and HEAD only; anything else gets 405 with the methods allowed. */
  private static boolean readOnly(HttpServerExchange exchange) {
    HttpString method = exchange.getRequestMethod();
    if (method.equals(Methods.GET) || method.equals(Methods.HEAD)) {
      return true;
    }
    exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
    exchange.setStatusCode(405);
    exchange.endExchange();
    return false;
  }

  private static void secured(HttpServerExchange exchange, String cacheControl) {
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, cacheControl);
    exchange.getResponseHeaders().put(CSP, CONTENT_SECURITY_POLICY);
    exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
    exchange.getResponseHeaders().put(REFERRER, "no-referrer");
  }
}
