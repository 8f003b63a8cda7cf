package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Optional;
import java.util.function.Supplier;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * Adds the CORS headers of SPEC A.10.4 for an allowed origin, on every response including errors,
 * and answers a browser's preflight itself (it carries no credentials, so no route could).
 * The policy is read on every request, so a change applies without a restart.
 */
final class CorsHandler implements HttpHandler {
  static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
  private static final HttpString ALLOW_CREDENTIALS = new HttpString("Access-Control-Allow-Credentials");
  private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
  private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
  private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
  private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");

  private final HttpHandler next;
  private final Supplier<CorsPolicy> policy;

  CorsHandler(HttpHandler next, Supplier<CorsPolicy> policy) {
    this.next = next;
    this.policy = policy;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HeaderMap response = exchange.getResponseHeaders();
    response.add(Headers.VARY, "Origin");
    Optional<String> origin = policy.get().allow(exchange.getRequestHeaders().getFirst(Headers.ORIGIN));
    if (origin.isPresent()) {
      response.put(ALLOW_ORIGIN, origin.get());
      response.put(ALLOW_CREDENTIALS, "true");
      response.put(ALLOW_METHODS, CorsPolicy.ALLOWED_METHODS);
      response.put(ALLOW_HEADERS, CorsPolicy.ALLOWED_HEADERS);
      response.put(MAX_AGE, "40");
      boolean preflight =
          exchange.getRequestMethod().equals(Methods.OPTIONS)
              && exchange.getRequestHeaders().contains(REQUEST_METHOD);
      if (preflight) {
        exchange.setStatusCode(204);
        exchange.endExchange();
        return;
      }
    }
    next.handleRequest(exchange);
  }

  @Override
  public String toString() {
    return "cors(" + policy.get().domains() + ") -> " + next;
  }
}
