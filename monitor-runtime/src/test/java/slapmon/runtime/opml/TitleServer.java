package slapmon.runtime.opml;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS sub-monitor on {@code 127.0.0.1} and a free port that answers every request with one
 * fixed response, optionally after a delay; {@link #close()} stops it and interrupts a handler
 * still waiting.
 */
final class TitleServer implements AutoCloseable {
  private final HttpsServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final List<String> paths = new CopyOnWriteArrayList<>();

  /** What a handler waits for before it answers. */
  @FunctionalInterface
  interface Gate {
    void pass() throws InterruptedException;
  }

  private TitleServer(SSLContext tls, int status, byte[] body, Gate gate) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.setExecutor(handlers);
    server.createContext("/", exchange -> answer(exchange, status, body, gate));
    server.start();
  }

  static TitleServer json(SSLContext tls, String json) throws IOException {
    return new TitleServer(tls, 200, json.getBytes(StandardCharsets.UTF_8), () -> {});
  }

  /**
   * Answers {@code json} only once {@code parties} requests, this one included, reached the
   * barrier, or after {@code patience}: concurrent clients get the title, sequential ones time out.
   */
  static TitleServer afterBarrier(
      SSLContext tls, String json, CountDownLatch parties, Duration patience) throws IOException {
    Gate gate =
        () -> {
          parties.countDown();
          parties.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        };
    return new TitleServer(tls, 200, json.getBytes(StandardCharsets.UTF_8), gate);
  }

  static TitleServer answering(SSLContext tls, int status, byte[] body, Duration delay)
      throws IOException {
    return new TitleServer(tls, status, body, () -> Thread.sleep(delay.toMillis()));
  }

  /** A base URL where nothing listens: a port that was bound, then closed. */
  static URI down() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("https://127.0.0.1:" + socket.getLocalPort());
    }
  }

  private void answer(HttpExchange exchange, int status, byte[] body, Gate gate)
      throws IOException {
    paths.add(exchange.getRequestURI().toString());
    try {
      gate.pass();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  URI base() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The request targets received, in order. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
