package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import io.undertow.server.handlers.accesslog.AccessLogReceiver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import slapmon.runtime.log.LogText;

/**
 * The access log in the common log format ({@code host ident user [time] "request" status bytes}):
 * the user name only, never a password or an Authorization header.
 *
 * <p>Before each line it checks that the file at the configured path is still the one it writes
 * to (one stat per request): when logrotate renamed it, or a WebDAV client moved, deleted or
 * replaced it through {@code /share/private/log}, the next line goes to the file now at the path,
 * created if missing. A symbolic link put there is never followed (the log would be appended to
 * whatever it names); the lines then go on into the file already open.
 */
final class AccessLog implements AccessLogReceiver, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());

  private final Path file;
  private BufferedWriter out;
  private Object identity;
  private boolean reopenFailing;

  private AccessLog(Path file, BufferedWriter out, Object identity) {
    this.file = file;
    this.out = out;
    this.identity = identity;
  }

  static AccessLog open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    BufferedWriter out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new AccessLog(file, out, identity(file).orElse(null));
  }

  HttpHandler wrap(HttpHandler next) {
    return new AccessLogHandler(next, this, "common", AccessLog.class.getClassLoader());
  }

  @Override
  public synchronized void logMessage(String message) {
    try {
      followReplacement();
      out.write(message);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reopens the path when the file there is no longer the one written (or is gone). */
  private void followReplacement() throws IOException {
    Optional<Object> now = identity(file);
    if (now.isPresent() && now.get().equals(identity)) {
      return;
    }
    BufferedWriter reopened;
    try {
      reopened =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(
                      file,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND,
                      LinkOption.NOFOLLOW_LINKS),
                  StandardCharsets.UTF_8));
    } catch (IOException e) {
      if (!reopenFailing) {
        reopenFailing = true;
        LOG.log(Level.WARNING, LogText.bounded("event=access-log-reopen-failed path=" + file
            + " error=" + e + " action=writing on to the file already open"));
      }
      return;
    }
    out.close(); // flushed after every line: nothing is lost
    out = reopened;
    identity = identity(file).orElse(null);
    reopenFailing = false;
    LOG.log(Level.INFO, "event=access-log-reopened path=" + file);
  }

  /** The identity (device and inode) of the regular file at {@code path}; empty if there is none. */
  private static Optional<Object> identity(Path path) throws IOException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile()
          ? Optional.of(Objects.requireNonNullElse(attributes.fileKey(), path))
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
