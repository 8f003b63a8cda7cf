package slapmon.runtime.http.dav;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import slapmon.runtime.io.AtomicFiles;

/** Dead properties of one resource, kept as XML in a hidden sidecar next to it. */
final class DeadProperties {
  private static final String NS = "urn:slapmon:davprops";
  /** The most a resource's dead properties take, written: each PROPFIND of it reads them all. */
  static final int MAX_BYTES = 64 * 1024;

  private DeadProperties() {}

  static Path sidecar(Path file) {
    Path parent = file.getParent();
    Path name = file.getFileName();
    if (parent == null || name == null) {
      throw new IllegalArgumentException(file + ": has no parent folder");
    }
    return parent.resolve(DavPaths.SIDECAR_PREFIX + name);
  }

  /** Whether the resource has dead properties stored. */
  static boolean exist(Path file) {
    return Files.isRegularFile(sidecar(file), LinkOption.NOFOLLOW_LINKS);
  }

  /** The stored property elements (in their own document), empty when none. */
  static List<Element> read(Path file) throws IOException {
    if (!exist(file)) {
      return new ArrayList<>();
    }
    Document doc = DavXml.parse(Files.readAllBytes(sidecar(file)));
    return doc == null ? new ArrayList<>() : DavXml.children(doc.getDocumentElement());
  }

  /**
   * Replaces the stored properties with {@code props}, or removes the sidecar when empty; fails
   * with 507 when they would take more than {@link #MAX_BYTES}.
   */
  static void write(Path file, List<Element> props) throws IOException {
    Path sidecar = sidecar(file);
    if (props.isEmpty()) {
      Files.deleteIfExists(sidecar);
      return;
    }
    Document doc = DavXml.newDocument();
    Element root = doc.createElementNS(NS, "props");
    doc.appendChild(root);
    for (Element p : props) {
      root.appendChild(doc.importNode(p, true));
    }
    byte[] bytes = DavXml.serialize(doc);
    if (bytes.length > MAX_BYTES) {
      throw new DavError(507, file.getFileName() + ": its properties would take " + bytes.length
          + " bytes; at most " + MAX_BYTES);
    }
    AtomicFiles.write(sidecar, bytes);
  }

  static Element find(List<Element> props, String ns, String localName) {
    for (Element p : props) {
      if (DavXml.is(p, ns, localName)) {
        return p;
      }
    }
    return null;
  }

  static void copy(Path from, Path to) throws IOException {
    Path source = sidecar(from);
    if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      Files.copy(source, sidecar(to), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(sidecar(to));
    }
  }

  static void move(Path from, Path to) throws IOException {
    Path source = sidecar(from);
    if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(source, sidecar(to), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.deleteIfExists(sidecar(to));
    }
  }

  static void delete(Path file) throws IOException {
    Files.deleteIfExists(sidecar(file));
  }
}
