package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How often a request looks up its file: each look-up is several stats. */
final class StaticFilesTest {
  @TempDir Path folder;
  private final AtomicInteger lookUps = new AtomicInteger();
  /** The name of the thread of each look-up: an XNIO I/O thread, or a worker. */
  private final List<String> lookUpThreads = new CopyOnWriteArrayList<>();
  private Undertow server;
  private int port;

  @BeforeEach
  void start() throws IOException {
    Files.writeString(folder.resolve("a.json"), "{\"status\":\"OK\"}");
    Files.createDirectories(folder.resolve("sub"));
    ResourceManager manager = new Counting(StaticFiles.manager(folder, List.of(folder)), lookUps, lookUpThreads);
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setHandler(StaticFiles.handler(manager, new FolderListing("body {}"), real -> true))
        .build();
    server.start();
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_listing_given_from_memory_shows_every_change_made_before_it() throws Exception {
    Path sub = folder.resolve("sub");
    Files.writeString(sub.resolve("a.json"), "{}");
    Files.setLastModifiedTime(sub, FileTime.from(Instant.parse("2026-11-24T10:00:00Z")));
    HttpResponse<String> first = send("GET", "/sub/");
    HttpResponse<String> kept = first;
    for (int i = 0; i < 5; i++) {
      kept = send("GET", "/sub/"); // read, read and watched, then from memory
    }

    Files.writeString(sub.resolve("b.json"), "{}");
    String added = send("GET", "/sub/").body();
    Files.move(sub.resolve("b.json"), sub.resolve("c.json"));
    String renamed = send("GET", "/sub/").body();
    Files.delete(sub.resolve("c.json"));
    String removed = send("GET", "/sub/").body();
    Files.writeString(sub.resolve("a.json"), "{\"rewritten\":true}"); // in place
    String rewritten = send("GET", "/sub/").body();
    for (int polls = 0; polls < 2_000 && !rewritten.contains("18 B"); polls++) {
      LockSupport.parkNanos(5_000_000); // a notice read by the watch's thread, moments later
      rewritten = send("GET", "/sub/").body();
    }

    assertThat(kept.body()).isEqualTo(first.body()).contains("a.json");
    assertThat(headers(kept)).isEqualTo(headers(first));
    assertThat(added).contains("b.json");
    assertThat(renamed).contains("c.json").doesNotContain("b.json");
    assertThat(removed).doesNotContain("c.json").contains("a.json");
    assertThat(rewritten).contains("18 B");
  }

  private static Map<String, List<String>> headers(HttpResponse<?> response) {
    Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
    headers.remove("date");
    return headers;
  }

  @Test
  void a_file_is_looked_up_once() throws Exception {
    HttpResponse<String> file = send("GET", "/a.json");

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).isEqualTo("{\"status\":\"OK\"}");
    assertThat(file.headers().firstValue("Last-Modified")).isPresent();
    assertThat(lookUps).hasValue(1);
  }

  @Test
  void a_missing_file_is_looked_up_once() throws Exception {
    assertThat(send("GET", "/missing.json").statusCode()).isEqualTo(404);
    assertThat(lookUps).hasValue(1);
  }

  @Test
  void a_head_of_a_file_and_a_listing_are_looked_up_once_each() throws Exception {
    HttpResponse<String> head = send("HEAD", "/a.json");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("15");
    assertThat(lookUps).hasValue(1);

    assertThat(send("GET", "/sub/").statusCode()).isEqualTo(200);
    assertThat(lookUps).hasValue(2);
  }

  @Test
  void other_methods_look_the_file_up_themselves() throws Exception {
    assertThat(send("POST", "/a.json").statusCode()).isEqualTo(200);
    assertThat(lookUps).hasValue(1);
  }

  @Test
  void a_large_file_is_read_into_pooled_buffers_never_transferred() throws Exception {
    // transferTo under TLS copies 8 KiB at a time through a heap buffer (twice as many records).
    assertThat(StaticFiles.manager(folder, List.of(folder)).transferMinSize())
        .isEqualTo(Long.MAX_VALUE);
    byte[] large = new byte[300_000];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i * 31 + i / 7);
    }
    Files.write(folder.resolve("large.log"), large);

    HttpRequest whole = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/large.log"))
        .build();
    HttpResponse<byte[]> all =
        HttpClient.newHttpClient().send(whole, HttpResponse.BodyHandlers.ofByteArray());
    HttpRequest ranged = HttpRequest.newBuilder(whole.uri()).header("Range", "bytes=100000-200009")
        .build();
    HttpResponse<byte[]> part =
        HttpClient.newHttpClient().send(ranged, HttpResponse.BodyHandlers.ofByteArray());

    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).isEqualTo(large);
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(large, 100_000, 200_010));
    assertThat(send("HEAD", "/large.log").headers().firstValue("Content-Length"))
        .hasValue("300000");
  }

  @Test
  void a_link_into_a_sibling_named_like_a_reachable_folder_is_not_followed() throws Exception {
    // Reachable folders compare by whole names: "/x/var/log-secret" does not lie in "/x/var/log".
    Path dir = Files.createTempDirectory(folder.getParent(), "roots");
    Path logs = Files.createDirectories(dir.resolve("var/log"));
    Path secret = Files.createDirectories(dir.resolve("var/log-secret"));
    Files.writeString(logs.resolve("app.log"), "a log line");
    Files.writeString(secret.resolve("key.txt"), "secret");
    Path served = Files.createDirectories(dir.resolve("public"));
    Files.createSymbolicLink(served.resolve("log"), logs);
    Files.createSymbolicLink(served.resolve("leak"), secret);
    Files.createSymbolicLink(served.resolve("key.txt"), secret.resolve("key.txt"));
    server.stop();
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setHandler(StaticFiles.of(served, List.of(served, logs), new FolderListing("body {}")))
        .build();
    server.start();
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();

    assertThat(send("GET", "/log/app.log").body()).isEqualTo("a log line");
    assertThat(send("GET", "/leak/key.txt").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/key.txt").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").body()).doesNotContain("leak").doesNotContain("key.txt");
  }

  @Test
  void conditional_and_ranged_gets_answer_from_the_one_look_up() throws Exception {
    String modified = send("GET", "/a.json").headers().firstValue("Last-Modified").orElseThrow();

    assertThat(get("/a.json", "If-Modified-Since", modified).statusCode()).isEqualTo(304);
    assertThat(get("/a.json", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode())
        .isEqualTo(200);
    assertThat(get("/a.json", "If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode())
        .isEqualTo(412);
    HttpResponse<String> part = get("/a.json", "Range", "bytes=1-8");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo("\"status\"");
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1-8/15");
    assertThat(get("/a.json", "Range", "bytes=100-").statusCode()).isEqualTo(416);
    assertThat(send("GET", "/a.json/").statusCode()).isEqualTo(404);
    assertThat(lookUps).hasValue(7);
  }

  @Test
  void a_small_file_is_answered_on_the_io_thread_with_the_resource_handlers_headers()
      throws Exception {
    Files.writeString(folder.resolve("feed"), "<rss/>");
    byte[] large = new byte[20_000];
    Arrays.fill(large, (byte) 'x');
    Files.write(folder.resolve("large.log"), large);

    HttpResponse<String> plain = send("GET", "/a.json");
    HttpResponse<String> head = send("HEAD", "/a.json");
    HttpResponse<String> conditional =
        get("/a.json", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT");

    assertThat(plain.body()).isEqualTo("{\"status\":\"OK\"}");
    assertThat(conditional.statusCode()).isEqualTo(200);
    assertThat(withoutDate(plain)).isEqualTo(withoutDate(conditional))
        .containsEntry("content-type", List.of("application/json"))
        .containsEntry("content-length", List.of("15"))
        .containsEntry("accept-ranges", List.of("bytes"))
        .containsKey("last-modified");
    assertThat(withoutDate(head)).isEqualTo(withoutDate(plain));
    assertThat(lookUpThreads).hasSize(3);
    assertThat(lookUpThreads.subList(0, 2)).allMatch(name -> name.contains("I/O"));
    assertThat(lookUpThreads.get(2)).as("a condition: on a worker").doesNotContain("I/O");

    assertThat(send("GET", "/large.log").body()).hasSize(20_000);
    assertThat(send("GET", "/feed").headers().firstValue("Content-Type"))
        .hasValue(StaticFiles.FEED_TYPE);
    assertThat(send("GET", "/missing.json").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/sub").statusCode()).isEqualTo(302);
    assertThat(lookUps).as("still one look-up each").hasValue(7);
  }

  private static Map<String, List<String>> withoutDate(HttpResponse<?> response) {
    Map<String, List<String>> headers = new TreeMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values));
    headers.remove("date");
    return headers;
  }

  private HttpResponse<String> get(String path, String header, String value) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(header, value).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private record Counting(ResourceManager next, AtomicInteger count, List<String> threads)
      implements ResourceManager {
    @Override
    public Resource getResource(String path) throws IOException {
      count.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      return next.getResource(path);
    }

    @Override
    public boolean isResourceChangeListenerSupported() {
      return false;
    }

    @Override
    public void registerResourceChangeListener(ResourceChangeListener listener) {}

    @Override
    public void removeResourceChangeListener(ResourceChangeListener listener) {}

    @Override
    public void close() throws IOException {
      next.close();
    }
  }
}
