package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The access log in the common log format ({@code host ident user [time] "request" status bytes}):
 * the user name only, never a password or an Authorization header.
 */
final class AccessLog implements AccessLogReceiver, AutoCloseable {
  private final BufferedWriter out;

  private AccessLog(BufferedWriter out) {
    this.out = out;
  }

  static AccessLog open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return new AccessLog(
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  HttpHandler wrap(HttpHandler next) {
    return new AccessLogHandler(next, this, "common", AccessLog.class.getClassLoader());
  }

  @Override
  public synchronized void logMessage(String message) {
    try {
      out.write(message);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
