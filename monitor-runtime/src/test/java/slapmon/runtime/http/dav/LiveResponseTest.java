package slapmon.runtime.http.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The text PROPFIND responses are byte for byte what the DOM path serializes. */
final class LiveResponseTest {
  private static final List<String> NAMES = List.of("plain.json", "empty", "x y.log",
      "a&b<c>d'e\"f.txt", "caf\u00e9 \u65e5\u672c.html", "100% sure", "sub", "sub & more");

  @TempDir Path root;
  private DavContext ctx;
  private PropertyMethods methods;

  @BeforeEach
  void tree() throws Exception {
    for (String name : NAMES) {
      if (name.startsWith("sub")) {
        Files.createDirectory(root.resolve(name));
      } else {
        Files.writeString(root.resolve(name), name.equals("empty") ? "" : "{\"v\": \"" + name + "\"}");
      }
    }
    ctx = new DavContext(new DavPaths(root, "/share", Set.of()), Clock.systemUTC(),
        new MonitorOwned(Set.of()), PutReceiver.NONE);
    methods = new PropertyMethods(ctx);
  }

  @Test
  void every_property_of_files_folders_and_the_root_is_written_as_the_serializer_does()
      throws Exception {
    for (String rel : rels()) {
      assertSame(rel, null);
    }
  }

  @Test
  void named_live_properties_are_written_in_the_order_asked() throws Exception {
    Element prop = prop("<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/><D:displayname/>"
        + "<D:getlastmodified/><D:resourcetype/><D:lockdiscovery/><D:getetag/></D:prop></D:propfind>");
    assertThat(LiveResponse.answers(prop)).isTrue();
    for (String rel : rels()) {
      assertSame(rel, prop);
    }
  }

  @Test
  void a_property_a_folder_lacks_or_a_foreign_one_goes_to_the_dom() throws Exception {
    Element length = prop("<D:propfind xmlns:D=\"DAV:\"><D:prop><D:getcontentlength/></D:prop>"
        + "</D:propfind>");
    assertThat(text("/sub", length)).isEmpty();
    assertThat(text("/plain.json", length)).isPresent();
    Element foreign = prop("<D:propfind xmlns:D=\"DAV:\" xmlns:x=\"urn:x\"><D:prop><x:getetag/>"
        + "</D:prop></D:propfind>");
    assertThat(LiveResponse.answers(foreign)).isFalse();
  }

  @Test
  void a_name_with_a_control_character_goes_to_the_dom() throws Exception {
    Files.writeString(root.resolve("bell\u0007"), "x");
    assertThat(text("/bell\u0007", null)).isEmpty();
  }

  private List<String> rels() {
    List<String> rels = new java.util.ArrayList<>(List.of("/"));
    NAMES.forEach(name -> rels.add("/" + name));
    return rels;
  }

  private void assertSame(String rel, Element prop) throws Exception {
    Optional<byte[]> text = text(rel, prop);
    assertThat(text).as(rel).isPresent();
    byte[] dom = DavXml.serialize(methods.describe(rel, ctx.paths.file(rel), prop, false));
    assertThat(new String(text.get(), StandardCharsets.UTF_8)).as(rel)
        .isEqualTo(new String(dom, StandardCharsets.UTF_8));
  }

  private Optional<byte[]> text(String rel, Element prop) throws Exception {
    Path file = ctx.paths.file(rel);
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return LiveResponse.of(ctx.paths.href(rel, a.isDirectory()), rel, file, a, prop);
  }

  private static Element prop(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element request = f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    return DavXml.child(request, DavXml.DAV, "prop");
  }
}
