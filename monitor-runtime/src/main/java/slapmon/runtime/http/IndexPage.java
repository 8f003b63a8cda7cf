package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** The page at {@code /} until the dashboard exists: links to what the monitor serves. */
final class IndexPage implements HttpHandler {
  private static final String PAGE =
      """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>slapmon</title></head>
      <body><h1>slapmon</h1><ul>
      <li><a href="public/">public/</a>: promise status and history, published files</li>
      <li><a href="private/">private/</a>: reports, configuration, logs</li>
      <li><a href="public/feed">public/feed</a>: RSS feed of the promises</li>
      <li><a href="public/feeds">public/feeds</a>: OPML list of this monitor and its sub-monitors</li>
      <li><a href="share/">share/</a>: WebDAV</li>
      </ul></body></html>
      """;

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseSender().send(PAGE);
  }
}
