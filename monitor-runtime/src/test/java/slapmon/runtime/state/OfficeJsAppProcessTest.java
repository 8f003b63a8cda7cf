package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import slapmon.runtime.launch.SlapmonProcess;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.http.auth.ApacheHtpasswd;
import slapmon.runtime.json.Json;
import slapmon.runtime.opml.Xml;

/**
 * A real {@code slapmon run} on loopback HTTPS, asked exactly what the OfficeJS monitoring app
 * (ERP5's {@code erp5_web_monitoring}: its {@code replicatedopml}, {@code webhttp}, {@code
 * drivetojiomapping} over {@code dav} storages and its OPML and parameter gadgets) asks, in its
 * order, from its origin: every authenticated request preceded by the browser's CORS preflight.
 */
@Timeout(240)
final class OfficeJsAppProcessTest {
  private static final String ORIGIN = "https://monitor.app.officejs.com";
  private static final String USER = "admin";
  private static final String PASSWORD = "app:pa$$ word";
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path dir;
  private Process monitor;
  private HttpClient client;
  private String base;
  private String basicLogin;

  @BeforeEach
  void start() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    TlsFixture tls = TlsFixture.create(etc);
    Path htpasswd = etc.resolve("monitor-htpasswd");
    ApacheHtpasswd.set(htpasswd, "-B", USER, PASSWORD);
    Files.writeString(etc.resolve(".monitor_pwd"), PASSWORD);
    Files.writeString(etc.resolve("promise_timeout"), "20");
    Files.writeString(etc.resolve("httpd-cors.cfg"), "monitor.app.officejs.com");
    Path promises = Files.createDirectories(etc.resolve("promise"));
    promise(promises, "check-ok", "echo fine; exit 0");
    promise(promises, "check-warning", "echo 'disk 85% full'; exit 1");
    promise(promises, "check-failing", "echo 'disk 97% full'; exit 2");
    Files.createDirectories(etc.resolve("plugin"));
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    base = "https://127.0.0.1:" + port;
    String p = dir.toString();
    Path conf = etc.resolve("monitor.conf");
    Files.writeString(conf, String.join("\n",
        "[monitor]", "title = App instance", "root-title = App tree", "base-url = " + base,
        "public-folder = " + p + "/srv/monitor/public",
        "private-folder = " + p + "/srv/monitor/private",
        "webdav-folder = " + p + "/srv/monitor/webdav", "promise-folder = " + promises,
        "service-pid-folder = " + p + "/var/run", "pid-file = " + p + "/var/run/b.pid",
        "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
        "promises-timeout-file = " + etc.resolve("promise_timeout"),
        "public-path-list =", "private-path-list =", "monitor-url-list =",
        "parameter-file-path = " + etc.resolve("knowledge0.cfg"),
        "parameter-list = raw monitor-user " + USER,
        "  htpasswd monitor-password " + etc.resolve(".monitor_pwd") + " " + USER + " " + htpasswd,
        "  httpdcors cors-domain " + etc.resolve("httpd-cors.cfg") + " /bin/true",
        "  file promise-timeout " + etc.resolve("promise_timeout"),
        // A partition slapformat gave addresses but no computer id (a standalone node).
        "[promises]", "output-folder = " + p + "/srv/monitor/public/promise",
        "promise-folder = " + etc.resolve("plugin"), "partition-folder = " + p,
        "partition-id = slappart4", "ipv4 = 10.0.42.7", "ipv6 = 2001:db8::5",
        "[httpd]", "listen-address = 127.0.0.1", "port = " + port,
        "cert-file = " + tls.certificate, "key-file = " + tls.key, "htpasswd-file = " + htpasswd,
        "cors-domains = monitor.app.officejs.com", ""));
    client = HttpClient.newBuilder().sslContext(trusting(tls.certificate))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(20)).build();
    basicLogin = Base64.getEncoder()
        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    monitor = SlapmonProcess.start(dir, Map.of(), "run", "--config", conf.toString(), "--period", "2");
  }

  @AfterEach
  void stop() throws Exception {
    if (monitor != null) {
      monitor.destroy();
      assertThat(monitor.waitFor(30, TimeUnit.SECONDS)).as("slapmon stopped on SIGTERM").isTrue();
    }
  }

  @Test
  void the_app_reads_the_monitor_and_edits_its_parameters() throws Exception {
    awaitPublished();

    // 1. The OPML at the monitor-url: anonymous, cross-origin.
    HttpResponse<String> opml = get(base + "/public/feeds");
    Path opmlFile = Files.writeString(dir.resolve("feeds.xml"), opml.body());
    Xml.assertXmllintAccepts(opmlFile);
    Element outline = feedOutline(opmlFile);
    String outlineUrl = outline.getAttribute("url");
    String feedUrl = outline.getAttribute("xmlUrl");
    assertThat(outline.getAttribute("title")).isEqualTo("App instance");

    // 2. The OPML gadget checks the password on the outline's url: exactly 200.
    assertThat(appRequest("GET", outlineUrl, Map.of(), null).statusCode()).isEqualTo(200);

    // 3. The RSS feed, as the app's parser storage reads it.
    HttpResponse<String> rss = get(feedUrl);
    Path feedFile = Files.writeString(dir.resolve("feed.xml"), rss.body());
    Xml.assertXmllintAccepts(feedFile);
    JsonNode feed = Feedparser.parse(feedFile);
    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    assertThat(feed.at("/feed/updated").isNumber()).as("channel lastBuildDate").isTrue();
    assertThat(feed.at("/feed/subtitle").asText()).isEqualTo("App tree");
    JsonNode warning = entry(feed, "[WARNING] check-warning");
    assertThat(entry(feed, "[ERROR] check-failing").get("category").asText()).isEqualTo("ERROR");
    assertThat(entry(feed, "[OK] check-ok").get("category").asText()).isEqualTo("OK");
    assertThat(warning.get("link").asText()).isEqualTo(base + "/#promise=check-warning");
    assertThat(warning.get("summary").asText()).endsWith(": ERROR\ndisk 85% full");
    assertThat(warning.get("id").asText()).startsWith(base + "/public/check-warning.status.json#");
    assertThat(warning.get("published").isNumber()).isTrue();
    assertThat(warning.get("source").asText()).isEqualTo("check-warning");
    assertThat(warning.get("source_url").asText()).isEqualTo(base + "/share/public/");
    assertThat(warning.get("comments").isNull()).as("no message in <comments>").isTrue();

    // 4. The private documents: webhttp on the outline url with jio_private made private.
    String privateUrl = trimSlashes(outlineUrl.replace("jio_private", "private"));
    List<String> privateIds = documentList(privateUrl);
    assertThat(privateIds).containsExactly("monitor.global");
    JsonNode global = Json.mapper().readTree(appRequest("GET", privateUrl + "/monitor.global.json",
        Map.of(), null).body());
    assertThat(global.get("type").asText()).isEqualTo("global");
    assertThat(global.at("/_embedded/instance"))
        .as("every key, so that the app counts the instance as synchronised")
        .isEqualTo(Json.mapper().valueToTree(Map.of("computer", "", "ipv4", "10.0.42.7",
            "ipv6", "2001:db8::5", "software-release", "", "software-type", "",
            "partition", "slappart4")));
    assertThat(global.get("parameters").isArray()).isTrue();

    // 5. The data and status documents of private/documents.
    String documentsUrl = outlineUrl.replace("jio_private", "private") + "documents";
    List<String> documentIds = awaitDocuments(documentsUrl);
    for (String id : documentIds) {
      JsonNode document = Json.mapper().readTree(
          appRequest("GET", documentsUrl + "/" + id + ".json", Map.of(), null).body());
      assertThat(document.isContainerNode()).as(id).isTrue(); // the process list is an array
    }
    JsonNode memory = Json.mapper().readTree(appRequest("GET",
        documentsUrl + "/monitor_resource_memory.data.json", Map.of(), null).body());
    assertThat(memory.get("data").isArray()).isTrue();

    // 6. A promise's history, next to the feed item's source (the app turns jio_public into
    // public, a no-op on today's share/public/).
    String publicUrl = warning.get("source_url").asText().replace("jio_public", "public");
    HttpResponse<String> history = get(publicUrl + "check-warning.history.json");
    assertThat(Json.mapper().readTree(history.body()).get("data").isArray()).isTrue();

    // 7. The parameter editor: drivetojiomapping over dav at private_url + '/config'.
    String configUrl = global.at("/_links/private_url/href").asText()
        .replace("jio_private", "private") + "/config";
    assertThat(configUrl).contains("/share/private//config");
    String documents = configUrl + "/.jio_documents/";
    ArrayNode parameters = (ArrayNode) Json.mapper().readTree(
        appRequest("GET", documents + "config.json", Map.of(), null).body());
    HttpResponse<String> listing = appRequest("PROPFIND", documents,
        Map.of("Depth", "1", "Content-Type", "text/xml"), "");
    assertThat(listing.statusCode()).isEqualTo(207);
    assertThat(listing.body()).contains("config.json");
    for (JsonNode parameter : parameters) {
      if (parameter.path("key").asText().equals("promise-timeout")) {
        ((ObjectNode) parameter).put("value", "15");
      }
      if (parameter.path("key").asText().equals("cors-domain")) {
        ((ObjectNode) parameter).put("value", "example.net");
      }
    }
    HttpResponse<String> put = appRequest("PUT", documents + "config.tmp.json",
        Map.of("Content-Type", "application/json"), Json.text(parameters));
    assertThat(put.statusCode()).isIn(201, 204);

    // Its effect: applied, shown back in config.json and the state, the new domains in force.
    JsonNode result = awaitEditResult();
    assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("applied");
    assertThat(Files.readString(dir.resolve("etc/promise_timeout")).strip()).isEqualTo("15");
    assertThat(preflight(ORIGIN, privateUrl + "/_document_list", "GET", "authorization"))
        .as("an origin no longer configured: its preflight fails")
        .isEmpty();
    assertThat(preflight("https://app.example.net", privateUrl + "/_document_list", "GET",
        "authorization")).isEqualTo("https://app.example.net");
    JsonNode edited = awaitParameterInState("promise-timeout", "15");
    assertThat(edited.get("parameters").findValuesAsText("value")).contains("example.net");
    for (String list : List.of("srv/monitor/private/_document_list",
        "srv/monitor/public/_document_list", "srv/monitor/private/documents/_document_list")) {
      assertThat(Files.readString(dir.resolve(list))).as(list)
          .doesNotContain("config.result").doesNotContain("sub-monitors");
    }
  }

  @Test
  void a_preflight_from_an_origin_not_configured_fails() throws Exception {
    awaitPublished();
    String privateUrl = base + "/share/private";
    assertThat(preflight("https://evil.example.org", privateUrl + "/_document_list", "GET",
        "authorization")).isEmpty();
    assertThat(preflight("https://monitor.app.officejs.com.evil.example.org",
        privateUrl + "/_document_list", "GET", "authorization")).isEmpty();
    assertThat(preflight(ORIGIN, privateUrl + "/_document_list", "GET", "authorization"))
        .isEqualTo(ORIGIN);
  }

  /**
   * What the browser does for an authenticated request from the app's origin: the preflight
   * (which must be allowed: the browser sends nothing otherwise), then the request.
   */
  private HttpResponse<String> appRequest(
      String method, String url, Map<String, String> headers, String body) throws Exception {
    List<String> requested = new ArrayList<>(List.of("authorization"));
    headers.keySet().forEach(name -> requested.add(name.toLowerCase(Locale.ROOT)));
    assertThat(preflight(ORIGIN, url, method, String.join(",", requested)))
        .as("preflight of %s %s", method, url)
        .isEqualTo(ORIGIN);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Origin", ORIGIN)
        .header("Authorization", "Basic " + basicLogin)
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isLessThan(300);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    return response;
  }

  /**
   * The browser's preflight; returns the origin the answer allows, "" when it does not allow the
   * request (no allowed origin, an error status, or the method or a header not allowed).
   */
  private String preflight(String origin, String url, String method, String headers)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", headers)
        .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    String allowed = response.headers().firstValue("Access-Control-Allow-Origin").orElse("");
    List<String> methods = tokens(response, "Access-Control-Allow-Methods");
    List<String> allowedHeaders = tokens(response, "Access-Control-Allow-Headers");
    boolean ok = response.statusCode() >= 200 && response.statusCode() < 300
        && allowed.equals(origin) && methods.contains(method.toLowerCase(Locale.ROOT))
        && allowedHeaders.containsAll(Arrays.asList(headers.split(",")));
    return ok ? allowed : "";
  }

  private static List<String> tokens(HttpResponse<?> response, String header) {
    return Arrays.stream(response.headers().firstValue(header).orElse("").split(","))
        .map(token -> token.strip().toLowerCase(Locale.ROOT))
        .toList();
  }

  /** A simple cross-origin GET (no preflight): must be 200 and readable by the app's origin. */
  private HttpResponse<String> get(String url) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30)).header("Origin", ORIGIN).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    return response;
  }

  /** webhttp's allDocs: {@code URL/_document_list}, one id a line, empty lines skipped. */
  private List<String> documentList(String url) throws Exception {
    return Arrays.stream(appRequest("GET", url + "/_document_list", Map.of(), null).body()
            .split("\n"))
        .filter(id -> !id.isEmpty())
        .toList();
  }

  /** The document list of private/documents once the resource usage is there too. */
  private List<String> awaitDocuments(String url) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<String> ids = List.of();
    while (System.nanoTime() < deadline) {
      ids = documentList(url);
      if (ids.containsAll(List.of("monitor_state.data", "monitor_resource_memory.data",
          "monitor_resource_process.data", "monitor_resource_io.data", "monitor_resource.status",
          "monitor_process_resource.status"))) {
        return ids;
      }
      Thread.sleep(500); // the next collection, every 2 s: nothing on disk to poll more cheaply
    }
    throw new AssertionError("private/documents never listed the resource documents: " + ids);
  }

  private static Element feedOutline(Path opml) throws Exception {
    javax.xml.parsers.DocumentBuilderFactory factory =
        javax.xml.parsers.DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList outlines = factory.newDocumentBuilder().parse(opml.toFile())
        .getElementsByTagName("outline");
    for (int i = 0; i < outlines.getLength(); i++) {
      Element outline = (Element) outlines.item(i);
      if (outline.hasAttribute("xmlUrl")) {
        return outline;
      }
    }
    throw new AssertionError("no feed outline in " + Files.readString(opml));
  }

  private static JsonNode entry(JsonNode feed, String title) {
    for (JsonNode entry : feed.get("entries")) {
      if (entry.get("title").asText().equals(title)) {
        return entry;
      }
    }
    throw new AssertionError("no item titled " + title + " in " + feed.get("entries"));
  }

  /** Until the three promises are in the private state and the feed. */
  private void awaitPublished() throws Exception {
    Path state = dir.resolve("srv/monitor/private/monitor.global.json");
    Path feed = dir.resolve("srv/monitor/public/feed");
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(state) && Files.exists(feed)) {
        List<String> titles = Json.read(state).at("/_embedded/promises").findValuesAsText("title");
        if (titles.containsAll(List.of("check-ok", "check-warning", "check-failing"))
            && Files.readString(feed).contains("check-warning")) {
          return;
        }
      }
      assertThat(monitor.isAlive()).as(SlapmonProcess.read(dir, "stderr")).isTrue();
      Thread.sleep(200); // the next publication: every 2 s
    }
    throw new AssertionError("never published: " + SlapmonProcess.read(dir, "stderr"));
  }

  private JsonNode awaitEditResult() throws Exception {
    Path result = dir.resolve("srv/monitor/private/config/.jio_documents/config.result.json");
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!Files.exists(result) && System.nanoTime() < deadline) {
      Thread.sleep(100); // the upload watcher looks once a second
    }
    return Json.read(result);
  }

  private JsonNode awaitParameterInState(String key, String value) throws Exception {
    Path state = dir.resolve("srv/monitor/private/monitor.global.json");
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = Json.read(state);
      for (JsonNode parameter : last.path("parameters")) {
        if (parameter.path("key").asText().equals(key)
            && parameter.path("value").asText().strip().equals(value)) {
          return last;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the state never showed " + key + " = " + value + ": " + last);
  }

  private static void promise(Path folder, String name, String body) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String trimSlashes(String url) {
    return url.replaceAll("/+$", "");
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("monitor",
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
