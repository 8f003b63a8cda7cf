package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;

/** {@code /metrics}: renders a scrape on a worker thread (it reads files) and sends it. */
final class MetricsHandler implements HttpHandler {
  private final Callable<byte[]> scrape;
  private final String contentType;

  MetricsHandler(Callable<byte[]> scrape, String contentType) {
    this.scrape = scrape;
    this.contentType = contentType;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    byte[] body = scrape.call();
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  @Override
  public String toString() {
    return "metrics(" + contentType + ")";
  }
}
