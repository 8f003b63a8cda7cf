package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * The HTTPS server checked with the real curl and openssl on loopback: TLS versions, routes,
 * content types, cache headers, CORS, traversal. Authentication is another class's concern; here
 * every protected route is behind a guard that refuses everything, so nothing private leaks.
 */
@Timeout(120)
final class MonitorServerTest {
  @TempDir Path dir;
  private MonitorServer server;
  private TlsFixture tls;
  private Path publicFolder;
  private Path privateFolder;

  @BeforeEach
  void start() throws Exception {
    tls = TlsFixture.create(dir);
    publicFolder = Files.createDirectories(dir.resolve("srv/monitor/public"));
    privateFolder = Files.createDirectories(dir.resolve("srv/monitor/private"));
    Files.writeString(publicFolder.resolve("p.status.json"), "{\"status\":\"OK\"}");
    Files.writeString(publicFolder.resolve("feed"), "<rss/>");
    Files.writeString(publicFolder.resolve("feeds"), "<opml/>");
    Files.writeString(privateFolder.resolve("secret.txt"), "private");
    Path outside = Files.writeString(dir.resolve("outside.txt"), "outside");
    Files.createSymbolicLink(publicFolder.resolve("escape"), outside);
    Path logs = Files.createDirectories(dir.resolve("var/log"));
    Files.writeString(logs.resolve("app.log"), "a log line");
    Files.createSymbolicLink(publicFolder.resolve("log"), logs);
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
                List.of(publicFolder, privateFolder, logs),
                () -> new CorsPolicy(List.of("monitor.app.officejs.com")),
                Optional.of(dir.resolve("var/log/monitor/access.log")),
                ConnectionLimits.forThisProcess()),
            next -> refuseAll,
            refuseAll,
            () -> "monitor_promises{status=\"OK\"} 1.0\n".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private String url(String path) {
    return "https://127.0.0.1:" + server.port() + path;
  }

  /** curl's status line and headers (and body with -i), as it prints them. */
  private String curl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "--path-as-is", "--cacert", tls.certificate.toString()));
    command.addAll(List.of(args));
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.replace("\r\n", "\n");
  }

  private static int status(String curlOutput) {
    return Integer.parseInt(curlOutput.split(" ", 3)[1]);
  }

  @Test
  void public_files_are_served_with_their_types_and_cache_header() throws Exception {
    String json = curl(url("/public/p.status.json"));
    assertThat(status(json)).isEqualTo(200);
    assertThat(json).containsIgnoringCase("content-type: application/json");
    assertThat(json).containsIgnoringCase("cache-control: private, max-age=40");
    assertThat(json).endsWith("{\"status\":\"OK\"}");
    assertThat(curl(url("/public/feed"))).containsIgnoringCase("content-type: application/rss+xml; charset=utf-8");
    assertThat(curl(url("/public/feeds"))).containsIgnoringCase("content-type: text/x-opml; charset=utf-8");
    assertThat(status(curl(url("/public/")))).isEqualTo(200);
    assertThat(status(curl(url("/public/log/app.log")))).isEqualTo(200);
  }

  @Test
  void listings_survive_dangling_links_and_hide_unfinished_writes() throws Exception {
    // A path-list link may point to a log that does not exist yet: listed, not an error.
    Files.createSymbolicLink(publicFolder.resolve("not-yet.log"), dir.resolve("var/log/not-yet.log"));
    Files.writeString(publicFolder.resolve(".p.status.json.tmp-1a2b"), "{\"half\":");
    String listing = curl(url("/public/"));
    assertThat(status(listing)).isEqualTo(200);
    assertThat(listing).contains("p.status.json").contains("not-yet.log").doesNotContain(".tmp-");
  }

  /** The body of curl's answer, after its headers. */
  private static String body(String curlOutput) {
    return curlOutput.substring(curlOutput.indexOf("\n\n") + 2);
  }

  private static String header(String curlOutput, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : curlOutput.substring(0, curlOutput.indexOf("\n\n")).split("\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  @Test
  void a_hostile_file_name_is_listed_escaped_under_a_policy_without_script() throws Exception {
    String hostile = "<img src=x onerror=document.title='pwned'>";
    Path file = Files.writeString(publicFolder.resolve(hostile), "");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-24T10:00:00Z")));

    String listing = curl(url("/public/"));

    assertThat(status(listing)).isEqualTo(200);
    assertThat(body(listing)).contains("<tr><td><a href=\""
        + "%3Cimg%20src%3Dx%20onerror%3Ddocument.title%3D%27pwned%27%3E\">"
        + "&lt;img src=x onerror=document.title=&#39;pwned&#39;&gt;</a><td>0 B"
        + "<td>2026-11-24 10:00:00\n");
    assertThat(body(listing)).doesNotContain("<img").doesNotContain("<script");
    assertThat(header(listing, "content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(header(listing, "x-content-type-options")).isEqualTo("nosniff");
    String policy = header(listing, "content-security-policy");
    assertThat(policy).startsWith("default-src 'none'; style-src 'sha256-");
    String style = body(listing).substring(body(listing).indexOf("<style>") + 7,
        body(listing).indexOf("</style>"));
    String hash = Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8)));
    assertThat(policy).contains("style-src 'sha256-" + hash + "';");
    assertThat(style).as("the listings' style sheet").contains("max-width:1200px");
  }

  @Test
  void a_folder_of_12000_files_lists_the_first_10000_by_name_and_counts_the_rest()
      throws Exception {
    Path many = Files.createDirectories(publicFolder.resolve("many"));
    for (int i = 11_999; i >= 0; i--) {
      Files.createFile(many.resolve(String.format("f%05d.json", i)));
    }

    String listing = body(curl(url("/public/many/")));

    List<String> links = new ArrayList<>();
    Matcher link = Pattern.compile("<a href=\"([^\"]*)\">").matcher(listing);
    while (link.find()) {
      links.add(link.group(1));
    }
    assertThat(links).hasSize(1 + 10_000);
    assertThat(links.get(0)).isEqualTo("../");
    assertThat(links.get(1)).isEqualTo("f00000.json");
    assertThat(links.get(10_000)).isEqualTo("f09999.json");
    assertThat(listing).contains(
        "<p class=\"muted\">2000 more entries not listed: only the first 10000 by name are.</p>");
  }

  @Test
  void a_folder_url_without_its_slash_is_redirected_to_it() throws Exception {
    Files.createDirectories(publicFolder.resolve("sub"));

    String answer = curl(url("/public/sub"));

    assertThat(status(answer)).isEqualTo(302);
    assertThat(header(answer, "location")).endsWith("/public/sub/");
  }

  @Test
  void files_of_the_folders_are_sandboxed_and_never_sniffed() throws Exception {
    Files.writeString(publicFolder.resolve("report.html"), "<script>alert(1)</script>");
    Files.writeString(publicFolder.resolve("index.html"), "<script>alert(1)</script>");

    String html = curl(url("/public/report.html"));
    assertThat(status(html)).isEqualTo(200);
    assertThat(header(html, "content-security-policy")).isEqualTo("sandbox");
    assertThat(header(html, "x-content-type-options")).isEqualTo("nosniff");
    assertThat(header(curl(url("/public/p.status.json")), "content-security-policy"))
        .isEqualTo("sandbox");
    assertThat(body(curl(url("/public/")))).as("a folder is listed, never an index.html")
        .contains(">index.html</a>");
  }

  @Test
  void protected_routes_go_through_the_guard() throws Exception {
    for (String path :
        List.of("/", "/private/secret.txt", "/secret.txt", "/share/private/", "/private/", "/metrics")) {
      assertThat(status(curl(url(path)))).as(path).isEqualTo(401);
    }
  }

  @Test
  void traversal_never_leaves_the_published_folders() throws Exception {
    for (String path :
        List.of(
            "/public/../private/secret.txt",
            "/public/%2e%2e/private/secret.txt",
            "/public/..%2fprivate%2fsecret.txt",
            "/public/p.status.json%00.txt",
            "/public/escape")) {
      String out = curl(url(path));
      assertThat(out).as(path).doesNotContain("private\n").doesNotEndWith("private").doesNotEndWith("outside");
      assertThat(status(out)).as(path).isIn(400, 401, 403, 404);
    }
  }

  @Test
  void cors_answers_the_configured_domain_and_its_subdomains_only() throws Exception {
    String allowed = curl("-H", "Origin: https://app.monitor.app.officejs.com", url("/public/p.status.json"));
    assertThat(allowed).containsIgnoringCase("access-control-allow-origin: https://app.monitor.app.officejs.com");
    assertThat(allowed).containsIgnoringCase("access-control-allow-credentials: true");
    assertThat(allowed).containsIgnoringCase("vary: origin");
    String lookalike =
        curl("-H", "Origin: https://evilmonitor.app.officejs.com.attacker.net", url("/public/p.status.json"));
    assertThat(lookalike).doesNotContainIgnoringCase("access-control-allow-origin");
    assertThat(curl(url("/public/p.status.json"))).doesNotContainIgnoringCase("access-control-allow-origin");
    String preflight =
        curl("-X", "OPTIONS", "-H", "Origin: https://monitor.app.officejs.com",
            "-H", "Access-Control-Request-Method: PROPFIND", url("/share/jio_private/"));
    assertThat(status(preflight)).isEqualTo(204);
    assertThat(preflight).containsIgnoringCase("access-control-allow-methods: PROPFIND");
    // CORS headers are on errors too, so the web app can read a 401.
    String denied = curl("-H", "Origin: https://monitor.app.officejs.com", url("/private/secret.txt"));
    assertThat(status(denied)).isEqualTo(401);
    assertThat(denied).containsIgnoringCase("access-control-allow-origin: https://monitor.app.officejs.com");
  }

  @Test
  void only_tls_1_2_and_1_3_are_offered() throws Exception {
    assertThat(handshake("-tls1_2")).isTrue();
    assertThat(handshake("-tls1_3")).isTrue();
    assertThat(handshake("-tls1_1")).isFalse();
    assertThat(handshake("-tls1")).isFalse();
  }

  @Test
  void tls_1_2_offers_only_forward_secret_aead_suites() throws Exception {
    assertThat(handshake("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256")).isTrue();
    assertThat(handshake("-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305")).isTrue();
    assertThat(handshake("-tls1_2", "-cipher", "AES128-SHA")).as("static RSA, CBC-SHA1").isFalse();
    assertThat(handshake("-tls1_2", "-cipher", "AES128-GCM-SHA256")).as("static RSA").isFalse();
    assertThat(handshake("-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA")).as("CBC-SHA1").isFalse();
    assertThat(handshake("-tls1_2", "-cipher", "ECDHE-RSA-AES256-SHA384")).as("CBC").isFalse();
    assertThat(handshake("-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256")).isTrue();
  }

  @Test
  void serves_a_renewed_certificate_without_a_restart() throws Exception {
    server.reloadTlsFrom(tls.certificate, tls.key, Duration.ofMillis(50));
    TlsFixture renewed = TlsFixture.create(Files.createDirectories(dir.resolve("renewed")));
    assertThat(handshakeTrusting(renewed.certificate)).as("before").isFalse();

    Files.move(renewed.key, tls.key, StandardCopyOption.REPLACE_EXISTING);
    Files.move(renewed.certificate, tls.certificate, StandardCopyOption.REPLACE_EXISTING);

    boolean served = false;
    for (int i = 0; i < 200 && !served; i++) {
      served = handshakeTrusting(tls.certificate);
    }
    assertThat(served).as("the renewed certificate is served").isTrue();
  }

  private boolean handshakeTrusting(Path certificate, String... options)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port()));
    command.addAll(List.of(options));
    command.addAll(List.of("-CAfile", certificate.toString(), "-verify_return_error"));
    Process openssl =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return openssl.exitValue() == 0 && out.contains("Verify return code: 0 (ok)");
  }

  @Test
  void access_log_has_one_common_format_line_per_request() throws Exception {
    curl("-u", "admin:do-not-log-me", url("/public/p.status.json"));
    server.close();
    String log = Files.readString(dir.resolve("var/log/monitor/access.log"));
    assertThat(log).contains("\"GET /public/p.status.json HTTP/1.1\" 200");
    assertThat(log).doesNotContain("do-not-log-me").doesNotContainIgnoringCase("authorization");
    server = MonitorServer.start(
        new ServerSettings(InetAddress.getByName("127.0.0.1"), 0, PemTls.context(tls.certificate, tls.key),
            publicFolder, privateFolder, List.of(publicFolder), () -> new CorsPolicy(List.of()), Optional.empty(),
            ConnectionLimits.forThisProcess()),
        next -> next, exchange -> exchange.setStatusCode(404), () -> new byte[0]);
  }

  @Test
  void access_log_moved_away_is_followed_at_the_next_request() throws Exception {
    Path log = dir.resolve("var/log/monitor/access.log");
    curl(url("/public/feed"));
    awaitLine(log, "\"GET /public/feed HTTP/1.1\" 200");
    Path rotated = log.resolveSibling("access.log.1");
    Files.move(log, rotated); // logrotate without copytruncate, or a WebDAV MOVE

    curl(url("/public/feeds"));

    awaitLine(log, "\"GET /public/feeds HTTP/1.1\" 200");
    assertThat(Files.readString(rotated)).doesNotContain("/public/feeds");
  }

  @Test
  void access_log_replaced_by_a_link_is_not_followed() throws Exception {
    Path log = dir.resolve("var/log/monitor/access.log");
    Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "");
    curl(url("/public/feed"));
    awaitLine(log, "\"GET /public/feed HTTP/1.1\" 200");
    Files.delete(log);
    Files.createSymbolicLink(log, elsewhere);

    curl(url("/public/feeds"));
    curl(url("/public/p.status.json"));
    server.close();

    assertThat(Files.readString(elsewhere)).isEmpty();
  }

  /** Polls (bounded) until {@code file} holds {@code line}: the log is written once a reply ends. */
  private static void awaitLine(Path file, String line) throws Exception {
    for (int attempt = 0; attempt < 200; attempt++) {
      if (Files.isRegularFile(file) && Files.readString(file).contains(line)) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(Files.exists(file) ? Files.readString(file) : "(no file)").contains(line);
  }

  private boolean handshake(String... options) throws IOException, InterruptedException {
    return handshakeTrusting(tls.certificate, options);
  }
}
