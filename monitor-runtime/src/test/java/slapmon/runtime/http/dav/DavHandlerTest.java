package slapmon.runtime.http.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@Timeout(10)
final class DavHandlerTest {
  private final HttpClient client = HttpClient.newHttpClient();
  @TempDir Path tmp;
  private DavServer server;

  @BeforeEach
  void start() throws IOException {
    server = new DavServer(tmp);
    Files.writeString(server.outside.resolve("passwd"), "SECRET");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  /** Sends a request line exactly as given (no client-side normalization); returns the reply. */
  private String raw(String method, String target) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Document xml(String body) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static XPath xpath() {
    XPath x = XPathFactory.newInstance().newXPath();
    x.setNamespaceContext(new NamespaceContext() {
      @Override
      public String getNamespaceURI(String prefix) {
        return "DAV:";
      }

      @Override
      public String getPrefix(String uri) {
        return "D";
      }

      @Override
      public Iterator<String> getPrefixes(String uri) {
        return List.of("D").iterator();
      }
    });
    return x;
  }

  private static List<String> strings(Document doc, String expr) throws Exception {
    NodeList nodes = (NodeList) xpath().evaluate(expr, doc, XPathConstants.NODESET);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  @Test
  void options_advertises_class_1_and_2() throws Exception {
    HttpResponse<String> r = send("OPTIONS", "/share/private/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("DAV")).hasValue("1, 2");
    assertThat(r.headers().firstValue("MS-Author-Via")).hasValue("DAV");
    assertThat(r.headers().firstValue("Allow").orElseThrow()).contains("PROPFIND", "LOCK");
  }

  @Test
  void propfind_depth_1_lists_children_with_hrefs_and_resourcetype() throws Exception {
    Files.createDirectory(server.privateDir.resolve("sub"));
    Files.writeString(server.privateDir.resolve("a.txt"), "hello");
    HttpResponse<String> r = send("PROPFIND", "/share/private/", null, "Depth", "1");
    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/xml; charset=utf-8");
    Document doc = xml(r.body());
    assertThat(strings(doc, "/D:multistatus/D:response/D:href"))
        .containsExactly("/share/private/", "/share/private/a.txt", "/share/private/sub/");
    assertThat(strings(doc, "//D:response[D:propstat/D:prop/D:resourcetype/D:collection]/D:href"))
        .containsExactly("/share/private/", "/share/private/sub/");
    assertThat(strings(doc, "//D:response[D:href='/share/private/a.txt']//D:getcontentlength"))
        .containsExactly("5");
    assertThat(strings(doc, "//D:response[D:href='/share/private/a.txt']//D:getlastmodified").get(0))
        .endsWith(" GMT");
  }

  @Test
  void propfind_depth_infinity_is_refused_with_finite_depth_condition() throws Exception {
    HttpResponse<String> r = send("PROPFIND", "/share/private/", null, "Depth", "infinity");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(strings(xml(r.body()), "/D:error/D:propfind-finite-depth")).hasSize(1);
  }

  @Test
  void propfind_with_a_doctype_is_refused() throws Exception {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://"
        + server.outside.resolve("passwd") + "\">]><D:propfind xmlns:D=\"DAV:\"><D:prop><D:x>&x;</D:x>"
        + "</D:prop></D:propfind>";
    HttpResponse<String> r = send("PROPFIND", "/share/private/", xxe, "Depth", "0");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("SECRET");
  }

  @Test
  void traversal_attempts_never_escape() throws Exception {
    for (String target : List.of("/share/../etc/passwd", "/share/private/../../etc/passwd",
        "/share/%2e%2e/etc/passwd", "/share/private/%2e%2e/%2e%2e/etc/passwd",
        "/share/private/..%2f..%2fetc%2fpasswd", "/share/private/%2F..%2F..%2Fetc%2Fpasswd",
        "/share/private/a%00.txt", "/share/private/%c0%ae%c0%ae/passwd")) {
      String reply = raw("GET", target);
      assertThat(reply).as(target).doesNotContain("SECRET");
      assertThat(reply.substring(9, 12)).as(target).isIn("400", "403", "404");
    }
  }

  @Test
  void symlink_out_of_the_allowed_roots_is_refused() throws Exception {
    Files.createSymbolicLink(server.privateDir.resolve("escape"), server.outside);
    assertThat(send("GET", "/share/private/escape/passwd", null).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/share/private/escape/new", "x").statusCode()).isEqualTo(403);
    assertThat(server.outside.resolve("new")).doesNotExist();
    HttpResponse<String> list = send("PROPFIND", "/share/private/", null, "Depth", "1");
    assertThat(list.body()).doesNotContain("escape");
    assertThat(send("GET", "/share/private/", null).statusCode()).isEqualTo(200);
  }

  @Test
  void non_ascii_names_round_trip() throws Exception {
    String name = "été ✓ 日本.txt";
    String encoded = "%C3%A9t%C3%A9%20%E2%9C%93%20%E6%97%A5%E6%9C%AC.txt";
    assertThat(send("PUT", "/share/private/" + encoded, "ünïcödé").statusCode()).isEqualTo(201);
    assertThat(server.privateDir.resolve(name)).hasContent("ünïcödé");
    assertThat(send("GET", "/share/private/" + encoded, null).body()).isEqualTo("ünïcödé");
    Document doc = xml(send("PROPFIND", "/share/private/", null, "Depth", "1").body());
    List<String> hrefs = strings(doc, "/D:multistatus/D:response/D:href");
    assertThat(hrefs).contains("/share/private/" + encoded);
    assertThat(URLDecoder.decode(hrefs.get(1).replace("+", "%2B"), StandardCharsets.UTF_8))
        .isEqualTo("/share/private/" + name);
  }

  @Test
  void dead_properties_persist_and_their_sidecar_is_never_served() throws Exception {
    Files.writeString(server.privateDir.resolve("a.txt"), "x");
    String patch = "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:set><D:prop>"
        + "<Z:colour>blue</Z:colour></D:prop></D:set></D:propertyupdate>";
    assertThat(send("PROPPATCH", "/share/private/a.txt", patch).statusCode()).isEqualTo(207);
    String ask = "<D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"urn:z\"><D:prop><Z:colour/></D:prop></D:propfind>";
    HttpResponse<String> r = send("PROPFIND", "/share/private/a.txt", ask, "Depth", "0");
    assertThat(r.body()).contains("blue");
    assertThat(send("GET", "/share/private/.davprops~a.txt", null).statusCode()).isEqualTo(404);
    assertThat(send("PROPFIND", "/share/private/", null, "Depth", "1").body()).doesNotContain("davprops");
  }

  @Test
  void a_collection_listing_escapes_hostile_names_under_a_policy_without_script()
      throws Exception {
    Files.writeString(server.privateDir.resolve("<img src=x onerror=alert(1)>"), "");
    Files.writeString(server.privateDir.resolve("report.html"), "<script>alert(1)</script>");

    HttpResponse<String> listing = send("GET", "/share/private/", null);

    assertThat(listing.statusCode()).isEqualTo(200);
    assertThat(listing.body())
        .contains("<a href=\"/share/private/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E\">"
            + "&lt;img src=x onerror=alert(1)&gt;</a>")
        .doesNotContain("<img");
    assertThat(listing.headers().firstValue("Content-Security-Policy").orElse(""))
        .startsWith("default-src 'none'; style-src 'sha256-");
    assertThat(listing.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    HttpResponse<String> file = send("GET", "/share/private/report.html", null);
    assertThat(file.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
    assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }
}
