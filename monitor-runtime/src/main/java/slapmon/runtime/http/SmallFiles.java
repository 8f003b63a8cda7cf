package slapmon.runtime.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.MimeMappings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * A plain GET or HEAD of a file smaller than one of the connection's buffers, answered on the I/O
 * thread that read the request. Handing it to a worker costs more than the file's read from the
 * page cache: a worker's wake-up, then the I/O thread's wake-up to read the next request (the
 * worker resumes its reads), and Undertow's I/O thread spinning while the worker holds the
 * connection's request state. Anything else (a range, a condition, a folder, a larger file, a
 * file that grew in between) goes to a worker as before.
 */
final class SmallFiles {
  private static final HttpString[] CONDITIONS = {Headers.RANGE, Headers.IF_MATCH,
      Headers.IF_NONE_MATCH, Headers.IF_MODIFIED_SINCE, Headers.IF_UNMODIFIED_SINCE,
      Headers.IF_RANGE};

  private SmallFiles() {}

  /** Whether the request asks for a file as it is: a GET or HEAD without range or condition. */
  static boolean plain(HttpServerExchange exchange) {
    HttpString method = exchange.getRequestMethod();
    if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)
        || exchange.getRelativePath().endsWith("/")) {
      return false;
    }
    HeaderMap request = exchange.getRequestHeaders();
    for (HttpString condition : CONDITIONS) {
      if (request.contains(condition)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Answers with {@code file} when it fits one buffer, with the headers Undertow's resource
   * handler gives; false, having sent nothing, when it does not.
   */
  static boolean send(HttpServerExchange exchange, Resource file, MimeMappings types)
      throws IOException {
    if (file.isDirectory()) {
      return false;
    }
    PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate();
    ByteBuffer buffer = pooled.getBuffer();
    if (file.getContentLength() >= buffer.capacity()) {
      pooled.close();
      return false;
    }
    boolean head = exchange.getRequestMethod().equals(Methods.HEAD);
    if (!head && !read(file, buffer)) {
      pooled.close();
      return false;
    }
    HeaderMap headers = exchange.getResponseHeaders();
    exchange.setResponseContentLength(head ? file.getContentLength() : buffer.remaining());
    headers.put(Headers.ACCEPT_RANGES, "bytes");
    if (!headers.contains(Headers.CONTENT_TYPE)) {
      String type = file.getContentType(types);
      headers.put(Headers.CONTENT_TYPE, type != null ? type : "application/octet-stream");
    }
    headers.put(Headers.LAST_MODIFIED, file.getLastModifiedString());
    if (head) {
      pooled.close();
      exchange.endExchange();
      return true;
    }
    exchange.getResponseSender().send(buffer, new IoCallback() {
      @Override
      public void onComplete(HttpServerExchange exchange, Sender sender) {
        pooled.close();
        IoCallback.END_EXCHANGE.onComplete(exchange, sender);
      }

      @Override
      public void onException(HttpServerExchange exchange, Sender sender, IOException failure) {
        pooled.close();
        IoCallback.END_EXCHANGE.onException(exchange, sender, failure);
      }
    });
    return true;
  }

  /** The whole file into {@code buffer}, flipped; false when it vanished or no longer fits. */
  private static boolean read(Resource file, ByteBuffer buffer) throws IOException {
    buffer.clear();
    try (FileChannel channel = FileChannel.open(file.getFilePath(), StandardOpenOption.READ)) {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          buffer.flip();
          return true;
        }
      }
      return false; // grew to a buffer or more since its look-up
    } catch (java.nio.file.NoSuchFileException vanished) {
      return false;
    }
  }
}
