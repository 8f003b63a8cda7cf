package slapmon.runtime.alert;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import slapmon.runtime.http.TlsFixture;

/**
 * Debian's Alertmanager on loopback: its own configuration, web configuration (Basic auth) and
 * storage in a folder of the test; no clustering. Stopped by SIGTERM and started again on the same
 * port, with the same storage (silences and notification log survive, as in production).
 */
final class RealAlertmanager {
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
  private static final Pattern LISTENING =
      Pattern.compile("msg=\"Listening on\" address=127\\.0\\.0\\.1:(\\d+)");

  private final Path dir;
  private final String scheme;
  private Process process;
  private int port;
  private int starts;

  private RealAlertmanager(Path dir, String scheme) {
    this.dir = dir;
    this.scheme = scheme;
  }

  /**
   * Starts one whose every alert goes, grouped by alert name, to the webhook at {@code hook}, its
   * API behind Basic auth {@code user} with {@code bcryptHash}.
   */
  static RealAlertmanager start(Path dir, URI hook, String user, String bcryptHash)
      throws IOException, InterruptedException {
    return start(dir, hook, user, bcryptHash, Optional.empty());
  }

  /** As {@link #start(Path, URI, String, String)}, over HTTPS with {@code tls} when given. */
  static RealAlertmanager start(
      Path dir, URI hook, String user, String bcryptHash, Optional<TlsFixture> tls)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("storage"));
    Files.writeString(
        dir.resolve("alertmanager.yml"),
        String.join(
            "\n",
            "route:",
            "  receiver: hook",
            "  group_by: [alertname]",
            "  group_wait: 1s",
            "  group_interval: 1s",
            "  repeat_interval: 1h",
            "receivers:",
            "  - name: hook",
            "    webhook_configs:",
            "      - url: " + hook,
            "        send_resolved: true",
            ""));
    String web = "basic_auth_users:\n  " + user + ": '" + bcryptHash + "'\n";
    if (tls.isPresent()) {
      web +=
          "tls_server_config:\n  cert_file: " + tls.get().certificate + "\n  key_file: "
              + tls.get().key + "\n";
    }
    Files.writeString(dir.resolve("web.yml"), web);
    RealAlertmanager alertmanager = new RealAlertmanager(dir, tls.isPresent() ? "https" : "http");
    alertmanager.launch(0);
    return alertmanager;
  }

  URI url() {
    return URI.create(scheme + "://127.0.0.1:" + port);
  }

  /** Stops it (SIGTERM) and waits until it ended. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Starts it again on the port it had. */
  void restart() throws IOException, InterruptedException {
    launch(port);
  }

  private void launch(int onPort) throws IOException, InterruptedException {
    Path log = dir.resolve("alertmanager-" + ++starts + ".log");
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--web.config.file=" + dir.resolve("web.yml"),
                "--storage.path=" + dir.resolve("storage"),
                "--web.listen-address=127.0.0.1:" + onPort,
                "--cluster.listen-address=",
                "--log.level=debug")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    for (int i = 0; i < 1200; i++) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Matcher listening = LISTENING.matcher(text);
      if (listening.find()) {
        port = Integer.parseInt(listening.group(1));
        return;
      }
      if (!process.isAlive()) {
        throw new IOException("alertmanager ended: " + text);
      }
      Thread.sleep(50);
    }
    throw new IOException("alertmanager did not listen: " + Files.readString(log));
  }

  /** Its log so far, for a failure's message. */
  String log() throws IOException {
    StringBuilder all = new StringBuilder();
    for (int i = 1; i <= starts; i++) {
      all.append(Files.readString(dir.resolve("alertmanager-" + i + ".log")));
    }
    return all.toString();
  }

  /** Stops it if it runs. */
  void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
