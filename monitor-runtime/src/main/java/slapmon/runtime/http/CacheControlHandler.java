package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Sets the route's {@code Cache-Control} explicitly, on errors too (SPEC D.42). */
final class CacheControlHandler implements HttpHandler {
  static final String PRIVATE_40 = "private, max-age=40";

  private final HttpHandler next;
  private final String value;

  CacheControlHandler(HttpHandler next, String value) {
    this.next = next;
    this.value = value;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, value);
    next.handleRequest(exchange);
  }

  @Override
  public String toString() {
    return "cache-control(" + value + ") -> " + next;
  }
}
