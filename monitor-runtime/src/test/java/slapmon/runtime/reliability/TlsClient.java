package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Raw HTTP/1.1 over TLS to the monitor on loopback, trusting only its test certificate. */
final class TlsClient {
  private final SSLContext context;
  private final int port;

  TlsClient(Path certificate, int port) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("monitor", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    this.port = port;
  }

  /** A connected socket with its handshake done. */
  SSLSocket connect(int readTimeoutMillis) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(readTimeoutMillis);
    socket.startHandshake();
    return socket;
  }

  /** Waits until the monitor answers 200 on its global state, for at most 60 s. */
  void awaitServing(Process monitor) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        if (request("GET", "/public/monitor.global.json", "", null) == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet, or every connection it holds is taken
      }
      assertThat(monitor.isAlive()).isTrue();
      assertThat(System.nanoTime()).as("serving within 60 s").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** One request on a fresh connection; returns the status code (or -1 when the server hung up). */
  int request(String method, String target, String headers, byte[] body) throws IOException {
    try (SSLSocket socket = connect(20_000)) {
      OutputStream out = socket.getOutputStream();
      String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + headers + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return statusLine(socket.getInputStream());
    }
  }

  /** The status code of the response being read, or -1 when the connection ended first. */
  static int statusLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.1 ")) {
      return -1;
    }
    return Integer.parseInt(text.substring(9, 12));
  }
}
