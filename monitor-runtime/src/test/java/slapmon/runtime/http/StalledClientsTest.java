package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * Clients that stall: one that asks for a large file and never reads it, and more connections
 * than the server holds at once. Which connections the server holds is read from the kernel
 * ({@code /proc/net/tcp} and this process' descriptors), never guessed from timings.
 */
@Timeout(120)
final class StalledClientsTest {
  private static final int LARGE_FILE_BYTES = 16 << 20;

  @TempDir Path dir;
  private MonitorServer server;
  private final List<Socket> clients = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_response_the_client_stops_reading_is_abandoned() throws Exception {
    start(new ConnectionLimits(100, Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofSeconds(1)));
    SSLSocket client = (SSLSocket) trustingEveryCertificate().createSocket();
    clients.add(client);
    client.setReceiveBufferSize(4096);
    client.connect(new InetSocketAddress("127.0.0.1", server.port()));
    client.startHandshake();
    OutputStream out = client.getOutputStream();
    out.write(("GET /public/large.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    int clientPort = client.getLocalPort();
    await(() -> acceptedClientPorts().contains(clientPort), "the server accepted the client");

    // The client reads nothing: the server's writes stall, then it gives the connection up.
    await(() -> !acceptedClientPorts().contains(clientPort),
        "the server closed the connection of a client that stopped reading");
  }

  @Test
  void connections_beyond_the_limit_wait_until_others_close() throws Exception {
    start(new ConnectionLimits(4, Duration.ofSeconds(10), Duration.ofSeconds(60),
        Duration.ofSeconds(60)));
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Socket client = new Socket();
      clients.add(client);
      client.connect(new InetSocketAddress("127.0.0.1", server.port()));
      ports.add(client.getLocalPort());
    }
    await(() -> acceptedClientPorts().size() >= 4, "four connections accepted");
    for (int look = 0; look < 50; look++) {
      assertThat(acceptedClientPorts()).as("connections held at once").hasSizeLessThanOrEqualTo(4);
      TimeUnit.MILLISECONDS.sleep(20);
    }

    Set<Integer> firstAccepted = acceptedClientPorts();
    for (Socket client : clients) {
      if (firstAccepted.contains(client.getLocalPort())) {
        client.close();
      }
    }
    Set<Integer> waiting = new HashSet<>(ports);
    waiting.removeAll(firstAccepted);
    await(() -> acceptedClientPorts().containsAll(waiting),
        "the waiting connections accepted once others closed");
  }

  private void start(ConnectionLimits limits) throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    Path publicFolder = Files.createDirectories(dir.resolve("srv/monitor/public"));
    Path privateFolder = Files.createDirectories(dir.resolve("srv/monitor/private"));
    Files.write(publicFolder.resolve("large.bin"), new byte[LARGE_FILE_BYTES]);
    HttpHandler refuseAll =
        exchange -> {
          exchange.setStatusCode(401);
          exchange.endExchange();
        };
    server =
        MonitorServer.start(
            new ServerSettings(
                InetAddress.getByName("127.0.0.1"),
                0,
                PemTls.context(tls.certificate, tls.key),
                publicFolder,
                privateFolder,
                List.of(publicFolder, privateFolder),
                () -> new CorsPolicy(List.of()),
                Optional.empty(),
                limits),
            next -> refuseAll,
            refuseAll,
            () -> new byte[0]);
  }

  /**
   * The client ports of the connections the server has accepted and still holds: the server's
   * end of a connection in this process' descriptors (one still in the kernel's queue has none).
   */
  private Set<Integer> acceptedClientPorts() {
    Map<String, Integer> clientPortBySocket = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException absent) {
        continue;
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.trim().split("\\s+");
        int localPort = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
        int remotePort = Integer.parseInt(fields[2].substring(fields[2].indexOf(':') + 1), 16);
        if (localPort == server.port() && remotePort != 0) {
          clientPortBySocket.put("socket:[" + fields[9] + "]", remotePort);
        }
      }
    }
    Set<Integer> accepted = new HashSet<>();
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
        try {
          Integer port = clientPortBySocket.get(Files.readSymbolicLink(descriptor).toString());
          if (port != null) {
            accepted.add(port);
          }
        } catch (IOException closedMeanwhile) {
          // not a descriptor any more
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return accepted;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within 60 s").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static javax.net.ssl.SSLSocketFactory trustingEveryCertificate() throws Exception {
    TrustManager anyCertificate =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String type) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String type) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {anyCertificate}, null);
    return context.getSocketFactory();
  }
}
