package slapmon.runtime.http.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import slapmon.runtime.json.Json;

/**
 * The real headless Chromium, driven over the DevTools protocol (a WebSocket and JSON: no driver
 * library). It trusts exactly one extra certificate, named by the SHA-256 of its public key, and
 * keeps its profile in a folder of the test.
 */
final class Chromium implements AutoCloseable {
  static final List<Path> CANDIDATES =
      List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
          Path.of("/usr/bin/google-chrome"));
  static final String INSTALL_HINT =
      "headless Chromium is needed for the dashboard tests: apt-get install chromium chromium-driver";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration COMMAND = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private final AtomicLong ids = new AtomicLong();

  private Chromium(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  static Optional<Path> executable() {
    return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
  }

  /**
   * Starts Chromium headless with a fresh profile in {@code profile}.
   *
   * @param trustedSpki base64 SHA-256 of the one self-signed certificate's public key to accept
   */
  static Chromium launch(Path executable, Path profile, String trustedSpki, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(profile);
    List<String> command = new ArrayList<>(List.of(
        executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-background-networking", "--disable-sync",
        "--user-data-dir=" + profile, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
        "--ignore-certificate-errors-spki-list=" + trustedSpki, "--window-size=1280,900",
        "about:blank"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    Path activePort = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    List<String> lines = List.of();
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(activePort)) {
        lines = Files.readAllLines(activePort);
        if (lines.size() >= 2) {
          break;
        }
      }
      Thread.sleep(50);
    }
    if (lines.size() < 2) {
      process.destroyForcibly();
      throw new IOException("Chromium did not open its DevTools port; see " + log);
    }
    URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    Receiver receiver = new Receiver();
    WebSocket socket;
    try {
      socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(endpoint, receiver).get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("cannot connect to Chromium's DevTools at " + endpoint + ": " + e, e);
    }
    Chromium chromium = new Chromium(process, socket);
    receiver.owner = chromium;
    return chromium;
  }

  /** A new tab, attached. */
  Page newPage() throws IOException {
    JsonNode created = send(null, "Target.createTarget", Map.of("url", "about:blank"));
    JsonNode attached = send(null, "Target.attachToTarget",
        Map.of("targetId", created.path("targetId").asText(), "flatten", true));
    return new Page(this, created.path("targetId").asText(), attached.path("sessionId").asText());
  }

  /** Sends one command and waits for its result; a protocol error becomes an IOException. */
  JsonNode send(String session, String method, Map<String, ?> params) throws IOException {
    long id = ids.incrementAndGet();
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", Json.mapper().valueToTree(params));
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    synchronized (socket) {
      socket.sendText(message.toString(), true).join();
    }
    JsonNode reply;
    try {
      reply = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(method + ": no answer from Chromium: " + e, e);
    } finally {
      pending.remove(id);
    }
    if (reply.has("error")) {
      throw new IOException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Sends a command without waiting: for event handlers, which run on the event thread. */
  void post(String session, String method, Map<String, ?> params) {
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("id", ids.incrementAndGet());
    message.put("method", method);
    message.set("params", Json.mapper().valueToTree(params));
    message.put("sessionId", session);
    synchronized (socket) {
      socket.sendText(message.toString(), true).join();
    }
  }

  void listen(Consumer<JsonNode> listener) {
    listeners.add(listener);
  }

  private void receive(String text) {
    JsonNode message;
    try {
      message = Json.mapper().readTree(text);
    } catch (IOException e) {
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
      if (answer != null) {
        answer.complete(message);
      }
    } else {
      events.execute(() -> listeners.forEach(listener -> listener.accept(message)));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      send(null, "Browser.close", Map.of());
    } catch (IOException | RuntimeException e) {
      // Already gone: the process is stopped below either way.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      events.shutdownNow();
    }
  }

  /** Joins the fragments of each text message. */
  private static final class Receiver implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    private volatile Chromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        owner.receive(text);
      }
      webSocket.request(1);
      return null;
    }
  }
}
