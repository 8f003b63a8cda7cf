package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import java.util.concurrent.TimeUnit;

/**
 * What {@code [httpd]} needs on loopback: a certificate made by openssl, an htpasswd file made by
 * Apache's htpasswd (password on stdin), netrc files for curl, and a free port.
 */
final class HttpsSetup {
  static final String USER = "admin";
  static final String PASSWORD = "reliable-Pa55";

  final Path certificate;
  final Path key;
  final Path htpasswd;
  final Path netrc;
  final int port;

  private HttpsSetup(Path certificate, Path key, Path htpasswd, Path netrc, int port) {
    this.certificate = certificate;
    this.key = key;
    this.htpasswd = htpasswd;
    this.netrc = netrc;
    this.port = port;
  }

  static HttpsSetup create(Path etc) throws IOException, InterruptedException {
    Files.createDirectories(etc);
    TlsFixture tls = TlsFixture.create(etc);
    Path htpasswd = etc.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    Path netrc = etc.resolve("netrc");
    Files.writeString(netrc, "machine 127.0.0.1 login " + USER + " password " + PASSWORD + "\n");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    return new HttpsSetup(tls.certificate, tls.key, htpasswd, netrc, port);
  }

  /** The {@code [httpd]} options, for {@link ReliabilityPartition#httpd}. */
  List<String> httpdLines() {
    return List.of("listen-address = 127.0.0.1", "port = " + port, "cert-file = " + certificate,
        "key-file = " + key, "htpasswd-file = " + htpasswd);
  }

  String url(String path) {
    return "https://127.0.0.1:" + port + path;
  }

  /** curl's answer: the status code on the last line, after the body when {@code body} is set. */
  String curl(String path, boolean authenticated, boolean body, String... extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "20", "--cacert",
        certificate.toString(), "-w", "\n%{http_code}"));
    if (!body) {
      command.addAll(List.of("-o", "/dev/null"));
    }
    if (authenticated) {
      command.addAll(List.of("--netrc-file", netrc.toString()));
    }
    command.addAll(List.of(extra));
    command.add(url(path));
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  static int statusOf(String curlOutput) {
    String[] lines = curlOutput.strip().split("\n");
    return Integer.parseInt(lines[lines.length - 1].strip());
  }
}
