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
    List<String> hrefs = strings(doc, "/D:multistatus/D:response/D:href");
    assertThat(hrefs).first().isEqualTo("/share/private/");
    assertThat(hrefs).containsExactlyInAnyOrder(
        "/share/private/", "/share/private/a.txt", "/share/private/sub/");
    assertThat(strings(doc, "//D:response[D:propstat/D:prop/D:resourcetype/D:collection]/D:href"))
        .containsExactlyInAnyOrder("/share/private/", "/share/private/sub/");
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

  /** A PROPFIND body naming {@code count} properties that no resource has, as tersely as can be. */
  private static String propfindNaming(int count) {
    StringBuilder body = new StringBuilder("<D:propfind xmlns:D=\"DAV:\"><D:prop>");
    for (int i = 0; i < count; i++) {
      body.append("<D:p").append(Integer.toString(i, 36)).append("/>");
    }
    return body.append("</D:prop></D:propfind>").toString();
  }

  @Test
  void a_propfind_naming_95000_properties_is_refused_before_it_is_parsed() throws Exception {
    for (int i = 0; i < 3; i++) {
      Files.writeString(server.publicDir.resolve("f" + i), "x");
    }
    String body = propfindNaming(95_000);
    assertThat(body.length()).as("as the attack sent").isBetween(900_000, 1_000_000);
    HttpResponse<String> r = send("PROPFIND", "/share/public/", body, "Depth", "1");
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void a_propfind_may_name_1000_properties_and_no_more() throws Exception {
    Files.writeString(server.publicDir.resolve("a.txt"), "x");
    HttpResponse<String> most =
        send("PROPFIND", "/share/public/", propfindNaming(1_000), "Depth", "1");
    assertThat(most.statusCode()).isEqualTo(207);
    assertThat(strings(xml(most.body()), "//D:response/D:href")).hasSize(2);
    HttpResponse<String> over =
        send("PROPFIND", "/share/public/", propfindNaming(1_001), "Depth", "1");
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).contains("names 1001 properties; at most 1000");
  }

  @Test
  void any_body_but_a_put_is_refused_past_64_kib() throws Exception {
    Files.writeString(server.privateDir.resolve("a.txt"), "x");
    String padded = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><Z:big xmlns:Z=\"urn:z\">"
        + "x".repeat(70 * 1024) + "</Z:big></D:prop></D:set></D:propertyupdate>";
    assertThat(send("PROPPATCH", "/share/private/a.txt", padded).statusCode()).isEqualTo(413);
    assertThat(send("PUT", "/share/private/big.txt", "x".repeat(70 * 1024)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void a_proppatch_nested_1000_deep_is_refused_with_400_and_its_reason() throws Exception {
    Files.writeString(server.privateDir.resolve("a.txt"), "x");
    String patch = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><Z:deep xmlns:Z=\"urn:z\">"
        + "<a>".repeat(1_000) + "</a>".repeat(1_000)
        + "</Z:deep></D:prop></D:set></D:propertyupdate>";
    HttpResponse<String> r = send("PROPPATCH", "/share/private/a.txt", patch);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("not well-formed XML", "depth", "100");
    assertThat(DeadProperties.sidecar(server.privateDir.resolve("a.txt"))).doesNotExist();
  }

  @Test
  void dead_properties_of_one_resource_are_bounded() throws Exception {
    Files.writeString(server.privateDir.resolve("a.txt"), "x");
    int status = 0;
    for (int i = 0; i < 5 && status != 507; i++) {
      String patch = "<D:propertyupdate xmlns:D=\"DAV:\"><D:set><D:prop><Z:p" + i
          + " xmlns:Z=\"urn:z\">" + "x".repeat(20 * 1024) + "</Z:p" + i
          + "></D:prop></D:set></D:propertyupdate>";
      status = send("PROPPATCH", "/share/private/a.txt", patch).statusCode();
    }
    assertThat(status).isEqualTo(507);
    assertThat(Files.size(DeadProperties.sidecar(server.privateDir.resolve("a.txt"))))
        .isLessThanOrEqualTo(DeadProperties.MAX_BYTES);
  }

  @Test
  void temporary_files_and_history_work_files_are_neither_listed_nor_served() throws Exception {
    Files.writeString(server.publicDir.resolve("feed"), "x");
    Files.writeString(server.publicDir.resolve(".feed.tmp-3f2a9c"), "half");
    for (String work : List.of("spare", "swap", "lock")) {
      Files.writeString(server.publicDir.resolve(".p.history.json." + work), "{");
    }
    HttpResponse<String> list = send("PROPFIND", "/share/public/", null, "Depth", "1");
    assertThat(strings(xml(list.body()), "//D:response/D:href"))
        .containsExactlyInAnyOrder("/share/public/", "/share/public/feed");
    assertThat(send("GET", "/share/public/", null).body()).doesNotContain("tmp-", "p.history");
    assertThat(send("GET", "/share/public/.feed.tmp-3f2a9c", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/share/public/.p.history.json.spare", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void a_lock_asked_for_without_end_is_granted_an_hour_and_a_long_one_a_day() throws Exception {
    Files.writeString(server.privateDir.resolve("f"), "x");
    String lockinfo = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:shared/></D:lockscope>"
        + "<D:locktype><D:write/></D:locktype><D:owner>me</D:owner></D:lockinfo>";
    for (String[] asked : new String[][] {
        {"Infinite", "Second-3600"}, {null, "Second-3600"},
        {"Second-999999999", "Second-86400"}, {"Infinite, Second-600", "Second-3600"}}) {
      HttpResponse<String> lock = asked[0] == null
          ? send("LOCK", "/share/private/f", lockinfo, "Depth", "0")
          : send("LOCK", "/share/private/f", lockinfo, "Depth", "0", "Timeout", asked[0]);
      assertThat(lock.statusCode()).isEqualTo(200);
      List<String> granted = strings(xml(lock.body()), "//D:activelock/D:timeout");
      assertThat(granted).as("asked %s", asked[0]).hasSize(1);
      // Said as what is left: a second may have passed between the grant and the answer.
      long expected = Long.parseLong(asked[1].substring("Second-".length()));
      assertThat(Long.parseLong(granted.get(0).substring("Second-".length())))
          .as("asked %s", asked[0])
          .isBetween(expected - 2, expected);
    }
  }

  @Test
  void a_lock_taken_through_one_alias_blocks_a_put_through_the_other() throws Exception {
    Files.writeString(server.privateDir.resolve("config.tmp.json"), "[]");
    String lockinfo = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
        + "<D:locktype><D:write/></D:locktype><D:owner>me</D:owner></D:lockinfo>";
    HttpResponse<String> lock = send("LOCK", "/share/private/config.tmp.json", lockinfo,
        "Depth", "0", "Timeout", "Second-600");
    assertThat(lock.statusCode()).isEqualTo(200);
    String token = lock.headers().firstValue("Lock-Token").orElseThrow();
    String other = "/share/jio_private/.jio_documents/config.tmp.json";
    assertThat(send("PUT", other, "[1]").statusCode()).isEqualTo(423);
    assertThat(send("LOCK", other, lockinfo, "Depth", "0").statusCode()).isEqualTo(423);
    assertThat(send("PUT", other, "[2]", "If", "(" + token + ")").statusCode()).isEqualTo(204);
    assertThat(server.privateDir.resolve("config.tmp.json")).hasContent("[2]");
    assertThat(send("UNLOCK", other, null, "Lock-Token", token).statusCode()).isEqualTo(204);
    assertThat(send("PUT", "/share/private/config.tmp.json", "[3]").statusCode()).isEqualTo(204);
  }

  @Test
  void shared_locks_on_one_resource_are_bounded_and_a_big_owner_is_refused() throws Exception {
    Files.writeString(server.privateDir.resolve("f"), "x");
    String shared = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:shared/></D:lockscope>"
        + "<D:locktype><D:write/></D:locktype></D:lockinfo>";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i <= LockTable.MAX_SHARED; i++) {
      statuses.add(send("LOCK", "/share/private/f", shared, "Depth", "0").statusCode());
    }
    assertThat(statuses.subList(0, LockTable.MAX_SHARED)).containsOnly(200);
    assertThat(statuses.get(LockTable.MAX_SHARED)).isEqualTo(423);
    String bigOwner = "<D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/></D:lockscope>"
        + "<D:locktype><D:write/></D:locktype><D:owner>" + "o".repeat(5_000)
        + "</D:owner></D:lockinfo>";
    Files.writeString(server.privateDir.resolve("g"), "x");
    assertThat(send("LOCK", "/share/private/g", bigOwner, "Depth", "0").statusCode())
        .isEqualTo(400);
  }

  @Test
  void the_monitors_own_folders_and_links_cannot_be_removed_moved_or_replaced() throws Exception {
    Files.createDirectory(server.privateDir.resolve("mine"));
    Files.writeString(server.privateDir.resolve("mine/a.txt"), "x");
    String dest = "Destination";
    List<HttpResponse<String>> refused = List.of(
        send("DELETE", "/share/public", null),
        send("DELETE", "/share/jio_private/", null),
        send("DELETE", "/share/jio_private/.jio_documents", null),
        send("MOVE", "/share/private", null, dest, server.url("/share/elsewhere")),
        send("COPY", "/share/private/mine", null, dest, server.url("/share/public")),
        send("MOVE", "/share/private/mine", null, dest, server.url("/share/jio_private")),
        send("PUT", "/share/public", "x"));
    for (HttpResponse<String> r : refused) {
      assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isIn(403, 405);
    }
    assertThat(refused.get(0).statusCode()).isEqualTo(403);
    assertThat(refused.get(0).body()).contains("a folder or link the monitor lays out itself");
    assertThat(server.webdav.resolve("public")).isSymbolicLink();
    assertThat(server.webdav.resolve("private")).isSymbolicLink();
    assertThat(server.webdav.resolve("jio_private/.jio_documents")).isSymbolicLink();
    assertThat(server.privateDir.resolve("mine/a.txt")).hasContent("x");
    assertThat(send("MOVE", "/share/private/mine", null, dest, server.url("/share/private/yours"))
        .statusCode()).isEqualTo(201);
    assertThat(send("DELETE", "/share/private/yours", null).statusCode()).isEqualTo(204);
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
