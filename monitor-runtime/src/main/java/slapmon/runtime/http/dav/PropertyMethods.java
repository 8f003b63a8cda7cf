package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** PROPFIND (depth 0 and 1) and PROPPATCH, answered with 207 multistatus. */
final class PropertyMethods {
  private final DavContext ctx;

  PropertyMethods(DavContext ctx) {
    this.ctx = ctx;
  }

  void propfind(HttpServerExchange exchange) throws IOException {
    String rel = ctx.relative(exchange);
    String depth = DavContext.header(exchange, "Depth");
    depth = depth == null ? "infinity" : depth.trim().toLowerCase(java.util.Locale.ROOT);
    if (depth.equals("infinity")) {
      throw new DavError(403, rel + ": PROPFIND with Depth infinity", "propfind-finite-depth");
    }
    if (!depth.equals("0") && !depth.equals("1")) {
      throw new DavError(400, rel + ": bad Depth '" + depth + "'");
    }
    Path file = ctx.paths.file(rel);
    if (!Files.exists(file)) {
      throw new DavError(404, rel + ": not found");
    }
    Document body = DavContext.xmlBody(exchange);
    Element request = body == null ? null : body.getDocumentElement();
    if (request != null && !DavXml.is(request, DavXml.DAV, "propfind")) {
      throw new DavError(400, rel + ": PROPFIND body is not DAV:propfind");
    }
    Element prop = request == null ? null : DavXml.child(request, DavXml.DAV, "prop");
    boolean names = request != null && DavXml.child(request, DavXml.DAV, "propname") != null;
    Document doc = DavXml.newDocument();
    Element multistatus = DavXml.add(doc, "multistatus");
    describe(multistatus, rel, file, prop, names);
    if (depth.equals("1") && Files.isDirectory(file)) {
      for (String name : children(file)) {
        String childRel = DavPaths.child(rel, name);
        try {
          Path child = ctx.paths.file(childRel);
          if (Files.exists(child)) {
            describe(multistatus, childRel, child, prop, names);
          }
        } catch (DavError e) {
          // a symlink leading outside the allowed folders is not listed
        }
      }
    }
    DavContext.sendXml(exchange, 207, doc);
  }

  private static List<String> children(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(DavPaths.SIDECAR_PREFIX)).sorted().toList();
    }
  }

  private void describe(Element multistatus, String rel, Path file, Element prop, boolean names)
      throws IOException {
    Document doc = multistatus.getOwnerDocument();
    Element response = DavXml.add(multistatus, "response");
    DavXml.add(response, "href", ctx.paths.href(rel, Files.isDirectory(file)));
    List<Element> found = new ArrayList<>();
    List<Element> missing = new ArrayList<>();
    List<Element> dead = DeadProperties.read(file);
    if (prop == null) {
      java.nio.file.attribute.BasicFileAttributes attributes =
          Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      for (String name : LiveProperties.names(file)) {
        found.add(
            names ? DavXml.dav(doc, name) : LiveProperties.value(doc, name, rel, file, attributes, ctx));
      }
      for (Element d : dead) {
        Element copy = (Element) doc.importNode(d, !names);
        found.add(copy);
      }
    } else {
      for (Element wanted : DavXml.children(prop)) {
        Element value = lookup(doc, wanted, rel, file, dead);
        if (value != null) {
          found.add(value);
        } else {
          missing.add((Element) doc.importNode(wanted, false));
        }
      }
    }
    propstat(response, found, "HTTP/1.1 200 OK");
    propstat(response, missing, "HTTP/1.1 404 Not Found");
  }

  private Element lookup(Document doc, Element wanted, String rel, Path file, List<Element> dead)
      throws IOException {
    String ns = wanted.getNamespaceURI() == null ? "" : wanted.getNamespaceURI();
    if (ns.equals(DavXml.DAV) && LiveProperties.NAMES.contains(wanted.getLocalName())) {
      return LiveProperties.value(doc, wanted.getLocalName(), rel, file, ctx);
    }
    Element d = DeadProperties.find(dead, ns, wanted.getLocalName());
    return d == null ? null : (Element) doc.importNode(d, true);
  }

  static void propstat(Element response, List<Element> props, String status) {
    if (props.isEmpty()) {
      return;
    }
    Element propstat = DavXml.add(response, "propstat");
    Element prop = DavXml.add(propstat, "prop");
    for (Element p : props) {
      prop.appendChild(p);
    }
    DavXml.add(propstat, "status", status);
  }
}
