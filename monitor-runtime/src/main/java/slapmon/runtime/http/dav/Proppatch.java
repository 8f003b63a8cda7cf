package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** PROPPATCH: sets and removes dead properties atomically, refusing to touch live ones. */
final class Proppatch {
  private final DavContext ctx;

  Proppatch(DavContext ctx) {
    this.ctx = ctx;
  }

  void handle(HttpServerExchange exchange) throws IOException {
    // One PROPPATCH at a time: each one reads, changes and rewrites a sidecar.
    synchronized (this) {
      update(exchange);
    }
  }

  private void update(HttpServerExchange exchange) throws IOException {
    String rel = ctx.relative(exchange);
    Path file = ctx.paths.file(rel);
    if (!Files.exists(file)) {
      throw new DavError(404, rel + ": not found");
    }
    if (rel.equals("/")) {
      throw new DavError(403, "the root collection has no writable properties");
    }
    ctx.checkWrite(exchange, rel, false, false);
    Document body = DavContext.xmlBody(exchange);
    if (body == null || !DavXml.is(body.getDocumentElement(), DavXml.DAV, "propertyupdate")) {
      throw new DavError(400, rel + ": PROPPATCH body must be DAV:propertyupdate");
    }
    List<Element> props = DeadProperties.read(file);
    List<Element> touched = new ArrayList<>();
    boolean protectedSeen = false;
    for (Element op : DavXml.children(body.getDocumentElement())) {
      boolean set = DavXml.is(op, DavXml.DAV, "set");
      if (!set && !DavXml.is(op, DavXml.DAV, "remove")) {
        continue;
      }
      Element prop = DavXml.child(op, DavXml.DAV, "prop");
      for (Element p : prop == null ? List.<Element>of() : DavXml.children(prop)) {
        touched.add(p);
        String ns = p.getNamespaceURI() == null ? "" : p.getNamespaceURI();
        if (ns.equals(DavXml.DAV) && LiveProperties.NAMES.contains(p.getLocalName())) {
          protectedSeen = true;
          continue;
        }
        props.removeIf(old -> DavXml.is(old, ns, p.getLocalName()));
        if (set) {
          props.add(p);
        }
      }
    }
    Document doc = DavXml.newDocument();
    Element response = DavXml.add(DavXml.add(doc, "multistatus"), "response");
    DavXml.add(response, "href", ctx.paths.href(rel, Files.isDirectory(file)));
    List<Element> ok = new ArrayList<>();
    List<Element> forbidden = new ArrayList<>();
    for (Element p : touched) {
      Element name = (Element) doc.importNode(p, false);
      String ns = p.getNamespaceURI() == null ? "" : p.getNamespaceURI();
      boolean live = ns.equals(DavXml.DAV) && LiveProperties.NAMES.contains(p.getLocalName());
      (live ? forbidden : ok).add(name);
    }
    if (protectedSeen) {
      PropertyMethods.propstat(response, forbidden, "HTTP/1.1 403 Forbidden");
      PropertyMethods.propstat(response, ok, "HTTP/1.1 424 Failed Dependency");
    } else {
      DeadProperties.write(file, props);
      PropertyMethods.propstat(response, ok, "HTTP/1.1 200 OK");
    }
    DavContext.sendXml(exchange, 207, doc);
  }
}
