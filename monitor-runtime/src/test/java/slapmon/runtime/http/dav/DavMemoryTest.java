package slapmon.runtime.http.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebDAV server in a JVM with a small heap: three PROPFINDs in parallel, whose replies built
 * whole in memory would not fit in it, are answered in full, and the server lives on; the
 * 95,000-property request of the attack is refused.
 */
final class DavMemoryTest {
  private static final String HEAP = "-Xmx48m";
  private static final int FILES = 100;

  /** Long property names, so that 1,000 of them still fit in one body and fill the reply. */
  private static final String PADDING = "-" + "x".repeat(40);

  @TempDir Path base;

  @Test
  @Timeout(120)
  void replies_too_big_to_build_in_the_heap_are_streamed_and_the_attack_refused() throws Exception {
    Path publicDir = Files.createDirectories(base.resolve("srv/monitor/public"));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(publicDir.resolve("file-" + i), "x");
    }
    Process server = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        DavServerProcess.class.getName(), base.toString())
        .redirectErrorStream(true)
        .redirectOutput(base.resolve("server.log").toFile())
        .start();
    try {
      int port = awaitPort(server);
      HttpClient client = HttpClient.newHttpClient();
      String url = "http://127.0.0.1:" + port + "/share/public/";
      List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        replies.add(
            client.sendAsync(propfind(url, PropertyMethods.MAX_NAMED), BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> reply : replies) {
        HttpResponse<String> r;
        try {
          r = reply.get(100, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw new AssertionError("no reply (" + e.getCause() + "); the server said: " + log(), e);
        }
        assertThat(r.statusCode()).as(log()).isEqualTo(207);
        assertThat(r.body().length()).as("a reply of a tenth of the heap").isGreaterThan(4_000_000);
        assertThat(r.body().split("<D:response", -1)).hasSize(FILES + 2);
        assertThat(r.body()).endsWith("</D:multistatus>\n");
      }
      HttpResponse<String> attack = client.send(propfind(url, 95_000), BodyHandlers.ofString());
      assertThat(attack.statusCode()).isEqualTo(413);
      assertThat(server.isAlive()).as(log()).isTrue();
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private String log() throws Exception {
    return Files.readString(base.resolve("server.log"), StandardCharsets.UTF_8);
  }

  private static HttpRequest propfind(String url, int properties) {
    StringBuilder body = new StringBuilder("<D:propfind xmlns:D=\"DAV:\"><D:prop>");
    for (int i = 0; i < properties; i++) {
      body.append("<D:p").append(Integer.toString(i, 36)).append(properties > 1_000 ? "" : PADDING)
          .append("/>");
    }
    body.append("</D:prop></D:propfind>");
    return HttpRequest.newBuilder(URI.create(url)).header("Depth", "1")
        .method("PROPFIND", BodyPublishers.ofString(body.toString())).build();
  }

  private int awaitPort(Process server) throws Exception {
    Path port = base.resolve("port");
    for (int i = 0; i < 600 && !Files.exists(port); i++) {
      assertThat(server.isAlive()).as(log()).isTrue();
      Thread.sleep(100);
    }
    return Integer.parseInt(Files.readString(port).trim());
  }
}
