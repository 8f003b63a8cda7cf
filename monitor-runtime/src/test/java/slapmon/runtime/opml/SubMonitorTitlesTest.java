package slapmon.runtime.opml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.settings.MonitorSection;

/**
 * Sub-monitor titles fetched over real HTTPS from loopback servers with a keytool certificate,
 * trusted through the PEM file option, and the OPML written from them whatever happened.
 */
@Timeout(60)
final class SubMonitorTitlesTest {
  // Long enough for a TLS handshake on a loaded 2-core machine (1 s was not, at a load of 20).
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** Longer than the client waits, and bounded: the server is stopped after each test anyway. */
  private static final Duration SLOW = TIMEOUT.plusSeconds(2);

  private static final Instant NOW = Instant.parse("2026-11-24T10:47:01Z");
  private static final String HEALTHY_JSON =
      "{\"status\": \"OK\", \"date\": \"2026-11-24 10:46:00\", \"title\": \"Sub <A> & \\\"B\\\" 'C'"
          + " é\", \"hosting-title\": \"Monitor ROOT\", \"_links\": {\"monitor\": {\"href\":"
          + " \"https://X/share/jio_private/\"}, \"related_monitor\": []}}";

  @TempDir static Path certificates;
  private static TestCertificate certificate;
  private static SSLContext serverTls;

  @TempDir Path dir;
  private final List<TitleServer> servers = new ArrayList<>();

  /** Once per class: keytool takes a second or two. */
  @BeforeAll
  static void certificate() throws Exception {
    certificate = TestCertificate.generate(certificates);
    serverTls = certificate.serverContext();
  }

  @AfterEach
  void stopServers() {
    servers.forEach(TitleServer::close);
  }

  private TitleServer start(TitleServer server) {
    servers.add(server);
    return server;
  }

  private SubMonitorTitles titles(List<URI> urls) throws IOException {
    return SubMonitorTitles.create(urls, Optional.of(certificate.pem()), TIMEOUT);
  }

  @Test
  void healthy_down_slow_and_invalid_sub_monitors_all_end_up_in_the_opml() throws Exception {
    TitleServer healthy = start(TitleServer.json(serverTls, HEALTHY_JSON));
    URI down = TitleServer.down();
    TitleServer slow =
        start(
            TitleServer.answering(
                serverTls, 200, HEALTHY_JSON.getBytes(StandardCharsets.UTF_8), SLOW));
    TitleServer invalid = start(TitleServer.json(serverTls, "<html>not json</html>"));
    List<URI> urls = List.of(healthy.base(), down, slow.base(), invalid.base());

    Map<URI, SubMonitorTitle> outcome = titles(urls).refresh();

    assertThat(outcome.keySet()).containsExactlyElementsOf(urls);
    assertThat(outcome.get(healthy.base()))
        .isEqualTo(
            SubMonitorTitle.fetched(healthy.base(), "Sub <A> & \"B\" 'C' é", Optional.of("OK")));
    assertThat(healthy.paths()).containsExactly("/public/monitor.global.json");
    assertThat(outcome.get(down).title()).isEqualTo(down + " (unreachable: cannot connect)");
    assertThat(outcome.get(slow.base()).title()).isEqualTo(slow.base() + " (no answer within 5 s)");
    assertThat(outcome.get(invalid.base()).title())
        .isEqualTo(invalid.base() + " (invalid monitor.global.json: not JSON at line 1, column 1)");
    assertThat(outcome.values())
        .extracting(SubMonitorTitle::placeholder)
        .containsExactly(false, true, true, true);

    MonitorSection monitor = Monitors.section(dir, "Monitor", "Monitor ROOT", Monitors.BASE, urls);
    Files.createDirectories(monitor.folders().publicFolder());
    OpmlSettings settings = Monitors.opmlSettings(monitor);
    assertThat(OpmlWriter.inPublicFolder(settings).write(settings, outcome, NOW)).isTrue();

    Path feeds = monitor.folders().publicFolder().resolve("feeds");
    Xml.assertXmllintAccepts(feeds);
    Xml opml = Xml.parse(feeds);
    assertThat(opml.count("/opml/body/outline/outline")).isEqualTo(5);
    assertThat(opml.text("/opml/body/outline/outline[2]/@title"))
        .isEqualTo("Sub <A> & \"B\" 'C' é");
    assertThat(opml.text("/opml/body/outline/outline[3]/@text"))
        .isEqualTo(down + " (unreachable: cannot connect)");
    assertThat(opml.text("/opml/body/outline/outline[4]/@text")).endsWith("(no answer within 5 s)");
    assertThat(opml.text("/opml/body/outline/outline[5]/@xmlUrl"))
        .isEqualTo(invalid.base() + "/public/feed");
  }

  @Test
  void all_sub_monitors_are_asked_at_once() throws Exception {
    CountDownLatch bothAsked = new CountDownLatch(2);
    TitleServer first =
        start(TitleServer.afterBarrier(serverTls, "{\"title\": \"First\"}", bothAsked, SLOW));
    TitleServer second =
        start(TitleServer.afterBarrier(serverTls, "{\"title\": \"Second\"}", bothAsked, SLOW));

    Map<URI, SubMonitorTitle> outcome = titles(List.of(first.base(), second.base())).refresh();

    // One after the other, the first would wait at the barrier until the client gave up.
    assertThat(outcome.values())
        .extracting(SubMonitorTitle::title)
        .containsExactly("First", "Second");
  }

  @Test
  void a_sub_monitor_that_goes_down_keeps_its_last_good_title() throws Exception {
    TitleServer healthy = start(TitleServer.json(serverTls, HEALTHY_JSON));
    SubMonitorTitles titles = titles(List.of(healthy.base()));
    assertThat(titles.current().get(healthy.base()).title()).endsWith("(title not fetched yet)");
    titles.refresh();

    healthy.close();
    SubMonitorTitle after = titles.refresh().get(healthy.base());

    assertThat(after.title()).isEqualTo("Sub <A> & \"B\" 'C' é");
    assertThat(after.problem()).contains("unreachable: cannot connect");
    assertThat(after.placeholder()).isFalse();
    assertThat(titles.current().get(healthy.base())).isEqualTo(after);
  }

  @Test
  void without_the_pem_file_the_self_signed_certificate_is_not_trusted() throws Exception {
    TitleServer healthy = start(TitleServer.json(serverTls, HEALTHY_JSON));

    SubMonitorTitle outcome =
        SubMonitorTitles.create(List.of(healthy.base()), Optional.empty(), TIMEOUT)
            .refresh()
            .get(healthy.base());

    assertThat(outcome.title()).isEqualTo(healthy.base() + " (TLS: untrusted certificate)");
  }

  @Test
  void a_host_the_certificate_does_not_name_is_refused() throws Exception {
    TitleServer healthy = start(TitleServer.json(serverTls, HEALTHY_JSON));
    URI byName = URI.create("https://localhost:" + healthy.base().getPort());

    SubMonitorTitle outcome = titles(List.of(byName)).refresh().get(byName);

    assertThat(outcome.problem()).contains("TLS: certificate does not match the host");
  }

  @Test
  void http_errors_missing_titles_and_huge_bodies_are_named() throws Exception {
    TitleServer missing = start(TitleServer.answering(serverTls, 404, new byte[0], Duration.ZERO));
    TitleServer untitled = start(TitleServer.json(serverTls, "{\"status\": \"OK\", \"title\": 3}"));
    TitleServer huge =
        start(
            TitleServer.answering(
                serverTls, 200, new byte[TitleFetch.MAX_BODY + 1], Duration.ZERO));

    Map<URI, SubMonitorTitle> outcome =
        titles(List.of(missing.base(), untitled.base(), huge.base())).refresh();

    assertThat(outcome.get(missing.base()).problem()).contains("HTTP 404");
    assertThat(outcome.get(untitled.base()).problem())
        .contains("invalid monitor.global.json: no \"title\" text");
    assertThat(outcome.get(huge.base()).problem())
        .contains("invalid monitor.global.json: response larger than 262144 bytes");
  }

  @Test
  void a_pem_file_without_certificates_is_named() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");

    assertThatThrownBy(() -> SubMonitorTitles.create(List.of(), Optional.of(empty), TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(empty + ": expected PEM certificates");
  }

  /** A monitor without sub-monitors (most) starts no HTTP client thread for them. */
  @Test
  void no_sub_monitor_starts_no_http_client() throws Exception {
    Set<Long> before = httpClientThreads();

    SubMonitorTitles titles = SubMonitorTitles.create(List.of(), Optional.empty(), TIMEOUT);

    assertThat(titles.refresh()).isEmpty();
    Set<Long> started = httpClientThreads();
    started.removeAll(before);
    assertThat(started).isEmpty();
  }

  private static Set<Long> httpClientThreads() {
    Set<Long> ids = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("HttpClient-")) {
        ids.add(thread.getId());
      }
    }
    return ids;
  }
}
