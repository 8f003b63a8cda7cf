package slapmon.runtime.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * The headers of a file a user, a promise or a WebDAV client put in a served folder: such a file
 * is served on the dashboard's origin, so an HTML or SVG one could otherwise run script that
 * reads the private files with the browser's cached credentials. The sandbox gives the document
 * an origin of its own and no script; the type is the one its name gives, never sniffed.
 */
public final class UserContent {
  public static final HttpString CONTENT_SECURITY_POLICY =
      new HttpString("Content-Security-Policy");
  public static final HttpString CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
  static final String SANDBOX = "sandbox";

  private UserContent() {}

  /** Sets the headers of a served file (on its errors too: they are harmless there). */
  public static void sandbox(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(CONTENT_SECURITY_POLICY, SANDBOX);
    headers.put(CONTENT_TYPE_OPTIONS, "nosniff");
  }
}
