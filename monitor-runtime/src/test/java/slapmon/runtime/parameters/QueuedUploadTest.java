package slapmon.runtime.parameters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.dav.DavHandler;
import slapmon.runtime.http.dav.PutReceiver;
import slapmon.runtime.json.Json;

/**
 * Two edits PUT over WebDAV back to back, both before the watcher looks (issue 15, finding 7):
 * the second no longer overwrites the first unseen. Both are applied in order, each sender gets
 * an identifier and finds its own outcome in config.result.json, and none is told "applied"
 * for an edit that was not.
 */
@Timeout(120)
final class QueuedUploadTest {
  private static final String PRIVATE = "/share/private/config/.jio_documents/";
  private static final String JIO_PRIVATE = "/share/jio_private/config/.jio_documents/";

  @TempDir Path base;
  private EditFixture fixture;
  private Undertow server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

  @BeforeEach
  void start() throws Exception {
    fixture = new EditFixture(base, true);
    Path webdav = Files.createDirectories(base.resolve("webdav"));
    Path privateFolder = base.resolve("private");
    Files.createSymbolicLink(webdav.resolve("private"), privateFolder);
    Files.createSymbolicLink(webdav.resolve("jio_private"), privateFolder);
    DavHandler dav =
        new DavHandler(
            webdav, "/share", Set.of(privateFolder), Set.of(), Clock.systemUTC(),
            new UploadQueue(fixture.folder));
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(Handlers.path().addPrefixPath("/share", dav))
            .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> put(String folder, String body) throws Exception {
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + folder + UploadWatcher.UPLOAD))
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String receipt(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(201);
    return response.headers().firstValue(PutReceiver.RECEIPT_HEADER).orElseThrow();
  }

  @Test
  void two_edits_sent_back_to_back_are_both_applied_in_order() throws Exception {
    String first =
        receipt(put(PRIVATE, EditFixture.entries("first-pass", "first", Optional.of("a.example"))));
    String second =
        receipt(put(JIO_PRIVATE, EditFixture.entries("second-pass", "second", Optional.empty())));

    List<EditResult> results = fixture.watcher.look();

    assertThat(first).isNotEqualTo(second);
    assertThat(results).extracting(EditResult::status)
        .containsExactly(EditResult.Status.APPLIED, EditResult.Status.APPLIED);
    assertThat(Files.readString(fixture.content)).isEqualTo("second");
    assertThat(Files.readString(fixture.savedCors)).isEqualTo("a.example");
    JsonNode document = Json.read(fixture.folder.resolve(UploadWatcher.RESULT));
    assertThat(document.at("/upload/id").asText()).isEqualTo(second);
    assertThat(document.path("status").asText()).isEqualTo("applied");
    JsonNode uploads = document.path("uploads");
    assertThat(uploads.size()).isEqualTo(2);
    assertThat(uploads.get(0).at("/upload/id").asText()).isEqualTo(first);
    assertThat(uploads.get(0).at("/results/from-file/outcome").asText()).isEqualTo("applied");
    assertThat(uploads.get(0).at("/results/cors-domain/outcome").asText()).isEqualTo("applied");
    assertThat(uploads.get(1).at("/upload/id").asText()).isEqualTo(second);
    assertThat(uploads.get(1).at("/results/from-file/outcome").asText()).isEqualTo("applied");
    assertThat(fixture.watcher.look()).as("nothing left waiting").isEmpty();
  }

  @Test
  void a_refused_edit_followed_at_once_by_a_good_one_is_reported_refused() throws Exception {
    String refused =
        receipt(put(PRIVATE, EditFixture.entries("first-pass", "first", Optional.of("http://x"))));
    String applied =
        receipt(put(PRIVATE, EditFixture.entries("second-pass", "second", Optional.empty())));

    assertThat(fixture.watcher.look()).extracting(EditResult::status)
        .containsExactly(EditResult.Status.REFUSED, EditResult.Status.APPLIED);

    JsonNode uploads = Json.read(fixture.folder.resolve(UploadWatcher.RESULT)).path("uploads");
    JsonNode own = uploads.get(0);
    assertThat(own.at("/upload/id").asText()).isEqualTo(refused);
    assertThat(own.path("status").asText()).isEqualTo("refused");
    assertThat(own.at("/results/cors-domain/outcome").asText()).isEqualTo("refused");
    assertThat(uploads.get(1).at("/upload/id").asText()).isEqualTo(applied);
  }

  @Test
  void uploads_beyond_the_queue_or_the_size_limit_are_refused_at_once() throws Exception {
    String edit = EditFixture.entries("a-pass", "a", Optional.empty());
    for (int i = 0; i < UploadQueue.MAX_WAITING; i++) {
      receipt(put(PRIVATE, edit));
    }
    assertThat(put(PRIVATE, edit).statusCode()).isEqualTo(503);
    assertThat(fixture.watcher.look()).hasSize(UploadQueue.MAX_WAITING);
    assertThat(put(PRIVATE, " ".repeat(Upload.MAX_BYTES + 1)).statusCode()).isEqualTo(413);
    assertThat(fixture.watcher.look()).isEmpty();
  }
}
