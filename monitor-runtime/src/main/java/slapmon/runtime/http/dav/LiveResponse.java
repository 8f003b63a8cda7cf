package slapmon.runtime.http.dav;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import slapmon.runtime.http.HttpDate;

/**
 * The {@code DAV:response} of a resource that has only live properties (no dead ones, no lock),
 * written as text, byte for byte what serializing {@link PropertyMethods}' DOM gives: a PROPFIND of
 * a large folder costs one attribute read and one string per entry instead of a document and a
 * serializer per entry. Anything else (a property the resource lacks, a character the serializer
 * would escape differently) answers empty, and the caller builds the DOM.
 */
final class LiveResponse {
  private static final String SUPPORTED_LOCK = "<D:supportedlock><D:lockentry><D:lockscope>"
      + "<D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockentry>"
      + "<D:lockentry><D:lockscope><D:shared/></D:lockscope><D:locktype><D:write/></D:locktype>"
      + "</D:lockentry></D:supportedlock>";

  private LiveResponse() {}

  /**
   * Whether the request can be answered as text: all properties ({@code prop} null), or only
   * live DAV: ones named.
   */
  static boolean answers(Element prop) {
    if (prop == null) {
      return true;
    }
    for (Element wanted : DavXml.children(prop)) {
      if (!DavXml.is(wanted, DavXml.DAV, wanted.getLocalName())
          || !LiveProperties.NAMES.contains(wanted.getLocalName())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The response's UTF-8 bytes, for a resource without dead properties and without locks.
   *
   * @param href the resource's href, as {@link DavPaths#href} gives it
   * @param prop the properties asked for, or null for all of them
   */
  static Optional<byte[]> of(
      String href, String rel, Path file, BasicFileAttributes attributes, Element prop) {
    List<String> names = prop == null
        ? LiveProperties.names(attributes.isDirectory())
        : DavXml.children(prop).stream().map(Element::getLocalName).toList();
    StringBuilder out = new StringBuilder(1024);
    out.append("<D:response xmlns:D=\"DAV:\">");
    if (!text(out, "href", href)) {
      return Optional.empty();
    }
    out.append("<D:propstat><D:prop>");
    for (String name : names) {
      if (!property(out, name, rel, file, attributes)) {
        return Optional.empty();
      }
    }
    out.append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>");
    return Optional.of(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Appends one live property; false when the resource lacks it or its text is not plain. */
  private static boolean property(
      StringBuilder out, String name, String rel, Path file, BasicFileAttributes a) {
    boolean dir = a.isDirectory();
    switch (name) {
      case "resourcetype" -> out.append(
          dir ? "<D:resourcetype><D:collection/></D:resourcetype>" : "<D:resourcetype/>");
      case "getcontentlength" -> {
        return !dir && text(out, name, Long.toString(a.size()));
      }
      case "getcontenttype" -> {
        return !dir && text(out, name, LiveProperties.contentType(file));
      }
      case "getlastmodified" -> text(
          out, name, HttpDate.of(a.lastModifiedTime().toInstant()));
      case "creationdate" -> text(out, name, DateTimeFormatter.ISO_INSTANT.format(
          a.creationTime().toInstant().truncatedTo(ChronoUnit.SECONDS)));
      case "getetag" -> text(out, name, DavContext.etag(a));
      case "displayname" -> {
        return text(out, name, LiveProperties.displayName(rel));
      }
      case "supportedlock" -> out.append(SUPPORTED_LOCK);
      case "lockdiscovery" -> out.append("<D:lockdiscovery/>");
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends {@code <D:name>text</D:name>} with the serializer's escapes; false (nothing
   * appended) when the text holds a character it might write otherwise (controls, surrogates).
   */
  private static boolean text(StringBuilder out, String name, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c >= 0xfffe) {
        return false;
      }
    }
    if (text.isEmpty()) {
      out.append("<D:").append(name).append("/>");
      return true;
    }
    out.append("<D:").append(name).append('>');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    out.append("</D:").append(name).append('>');
    return true;
  }
}
