package slapmon.runtime.http.dav;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** PROPFIND (depth 0 and 1), answered with a 207 multistatus sent entry by entry. */
final class PropertyMethods {
  /** The most properties one PROPFIND may name: each is answered for every entry listed. */
  static final int MAX_NAMED = 1_000;

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
    int named = prop == null ? 0 : DavXml.children(prop).size();
    if (named > MAX_NAMED) {
      throw new DavError(413, rel + ": PROPFIND names " + named + " properties; at most "
          + MAX_NAMED + " in one request");
    }
    boolean names = request != null && DavXml.child(request, DavXml.DAV, "propname") != null;
    boolean asText = !names && LiveResponse.answers(prop);
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    Optional<byte[]> first = response(rel, file, attributes, prop, asText);
    Element firstElement = first.isEmpty() ? describe(rel, file, prop, names) : null;
    MultistatusStream reply = new MultistatusStream(exchange);
    if (first.isPresent()) {
      reply.add(first.get());
    } else {
      reply.add(firstElement);
    }
    if (depth.equals("1") && attributes.isDirectory()) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(file)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (DavPaths.listed(name)) {
            describeChild(reply, DavPaths.child(rel, name), entry, prop, names, asText);
          }
        }
      }
    }
    reply.finish();
  }

  /**
   * Adds the response of {@code entry}, a child of a folder whose real path is known to be
   * allowed: only a symlink among them needs its target checked.
   */
  private void describeChild(MultistatusStream reply, String childRel, Path entry, Element prop,
      boolean names, boolean asText) throws IOException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Path child = entry;
      if (attributes.isSymbolicLink()) {
        try {
          child = ctx.paths.file(childRel);
        } catch (DavError e) {
          return; // a symlink leading outside the allowed folders is not listed
        }
        attributes = Files.readAttributes(child, BasicFileAttributes.class);
      }
      Optional<byte[]> text = response(childRel, child, attributes, prop, asText);
      if (text.isPresent()) {
        reply.add(text.get());
      } else {
        reply.add(describe(childRel, child, prop, names));
      }
    } catch (NoSuchFileException e) {
      // removed since the folder was read, or a dangling symlink: not listed
    }
  }

  /** The response as text when the resource has only live properties and no lock; else empty. */
  private Optional<byte[]> response(String rel, Path file, BasicFileAttributes attributes,
      Element prop, boolean asText) {
    if (!asText || DeadProperties.exist(file) || locked(rel)) {
      return Optional.empty();
    }
    return LiveResponse.of(ctx.paths.href(rel, attributes.isDirectory()), rel, file, attributes,
        prop);
  }

  private boolean locked(String rel) {
    return ctx.locks.size() > 0 && !ctx.locks.covering(rel, ctx.paths.key(rel)).isEmpty();
  }

  /** The {@code DAV:response} of one resource, in a document of its own. */
  Element describe(String rel, Path file, Element prop, boolean names)
      throws IOException {
    Document doc = DavXml.newDocument();
    Element response = DavXml.add(doc, "response");
    DavXml.add(response, "href", ctx.paths.href(rel, Files.isDirectory(file)));
    List<Element> found = new ArrayList<>();
    List<Element> missing = new ArrayList<>();
    List<Element> dead = DeadProperties.read(file);
    if (prop == null) {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
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
    return response;
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
