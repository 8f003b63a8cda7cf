package slapmon.runtime.http.dav;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import slapmon.runtime.http.HttpDate;

/** The DAV: properties computed from the file system and the lock table. */
final class LiveProperties {
  static final List<String> NAMES = List.of("resourcetype", "getcontentlength", "getlastmodified",
      "creationdate", "getetag", "getcontenttype", "displayname", "supportedlock", "lockdiscovery");

  private static final List<String> FOLDER_NAMES = NAMES.stream()
      .filter(n -> !n.equals("getcontentlength") && !n.equals("getcontenttype")).toList();

  private LiveProperties() {}

  static String contentType(Path file) {
    return FileMethods.guessType(file);
  }

  /** The names that exist for this resource (content length and type only for files). */
  static List<String> names(Path file) {
    return names(Files.isDirectory(file));
  }

  static List<String> names(boolean directory) {
    return directory ? FOLDER_NAMES : NAMES;
  }

  /** The last segment of a decoded relative path; empty for the root. */
  static String displayName(String rel) {
    return rel.equals("/") ? "" : rel.substring(rel.lastIndexOf('/') + 1);
  }

  /** The property element with its value, or null when the resource has no such property. */
  static Element value(Document doc, String name, String rel, Path file, DavContext ctx)
      throws IOException {
    return value(doc, name, rel, file, Files.readAttributes(file, BasicFileAttributes.class), ctx);
  }

  /** As above, with the attributes already read (a PROPFIND reads them once per resource). */
  static Element value(
      Document doc, String name, String rel, Path file, BasicFileAttributes a, DavContext ctx) {
    boolean dir = a.isDirectory();
    Element e = DavXml.dav(doc, name);
    switch (name) {
      case "resourcetype" -> {
        if (dir) {
          DavXml.add(e, "collection");
        }
      }
      case "getcontentlength" -> {
        if (dir) {
          return null;
        }
        e.setTextContent(Long.toString(a.size()));
      }
      case "getcontenttype" -> {
        if (dir) {
          return null;
        }
        e.setTextContent(contentType(file));
      }
      case "getlastmodified" -> e.setTextContent(HttpDate.of(a.lastModifiedTime().toInstant()));
      case "creationdate" -> e.setTextContent(
          DateTimeFormatter.ISO_INSTANT.format(a.creationTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
      case "getetag" -> e.setTextContent(DavContext.etag(a));
      case "displayname" -> e.setTextContent(displayName(rel));
      case "supportedlock" -> {
        for (String scope : List.of("exclusive", "shared")) {
          Element entry = DavXml.add(e, "lockentry");
          DavXml.add(DavXml.add(entry, "lockscope"), scope);
          DavXml.add(DavXml.add(entry, "locktype"), "write");
        }
      }
      case "lockdiscovery" -> LockXml.discovery(
          e, ctx.locks.covering(rel, ctx.paths.key(rel)), ctx.clock.instant(), ctx.paths);
      default -> {
        return null;
      }
    }
    return e;
  }
}
