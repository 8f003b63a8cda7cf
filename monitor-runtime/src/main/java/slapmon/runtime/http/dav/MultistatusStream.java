package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.w3c.dom.Element;

/**
 * A 207 multistatus reply sent one {@code DAV:response} at a time: a listing of many entries is
 * never held in memory whole, only the entry being written.
 */
final class MultistatusStream {
  private static final byte[] OPEN = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<D:multistatus xmlns:D=\"DAV:\">").getBytes(StandardCharsets.UTF_8);
  private static final byte[] CLOSE = "</D:multistatus>\n".getBytes(StandardCharsets.UTF_8);

  private final OutputStream out;

  /** Starts the reply: status, headers and the opening tag; the exchange is committed. */
  MultistatusStream(HttpServerExchange exchange) throws IOException {
    exchange.setStatusCode(207);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/xml; charset=utf-8");
    out = exchange.getOutputStream();
    out.write(OPEN);
  }

  /** Writes one {@code DAV:response} element. */
  void add(Element response) throws IOException {
    out.write(DavXml.serialize(response));
  }

  /** Writes one {@code DAV:response} already serialized. */
  void add(byte[] response) throws IOException {
    out.write(response);
  }

  /** Writes the closing tag and ends the reply (not called after a failure: the reply is cut). */
  void finish() throws IOException {
    out.write(CLOSE);
    out.close();
  }
}
