package slapmon.runtime.http.dav;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSOutput;
import org.w3c.dom.ls.LSSerializer;
import org.xml.sax.SAXException;

/** Parses request bodies without DTDs or external entities, and builds and serializes DAV XML. */
final class DavXml {
  static final String DAV = "DAV:";

  /**
   * Elements nest at most this deep in a request body: a dead property's value is small, and a
   * deeper document would only cost stack when it is copied or written out.
   */
  static final int MAX_DEPTH = 100;

  private DavXml() {}

  /** Configuring a factory is a service lookup: done once per worker thread, not per document. */
  private static final ThreadLocal<DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(DavXml::configuredBuilder);

  private static DocumentBuilder builder() {
    DocumentBuilder builder = BUILDERS.get();
    builder.reset();
    builder.setErrorHandler(null);
    return builder;
  }

  private static DocumentBuilder configuredBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be configured safely", e);
    }
  }

  /** The parsed body, or null when the body is empty; 400 when it is not well-formed. */
  static Document parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return builder().parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      throw new DavError(400, "request body is not well-formed XML: " + e.getMessage());
    }
  }

  static Document newDocument() {
    return builder().newDocument();
  }

  /** A new DAV: element with the D prefix. */
  static Element dav(Document doc, String localName) {
    return doc.createElementNS(DAV, "D:" + localName);
  }

  static Element add(Node parent, String localName) {
    Document doc = parent instanceof Document ? (Document) parent : parent.getOwnerDocument();
    Element e = dav(doc, localName);
    parent.appendChild(e);
    return e;
  }

  static Element add(Node parent, String localName, String text) {
    Element e = add(parent, localName);
    e.setTextContent(text);
    return e;
  }

  /** Child elements of {@code parent}, in order. */
  static List<Element> children(Node parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        out.add((Element) n);
      }
    }
    return out;
  }

  static Element child(Node parent, String ns, String localName) {
    for (Element e : children(parent)) {
      if (is(e, ns, localName)) {
        return e;
      }
    }
    return null;
  }

  static boolean is(Element e, String ns, String localName) {
    String uri = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
    return uri.equals(ns) && localName.equals(e.getLocalName());
  }

  /** The UTF-8 bytes of a document, with an XML declaration. */
  static byte[] serialize(Document doc) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(doc, bytes, true);
    return bytes.toByteArray();
  }

  /** The UTF-8 bytes of one element and its content, without a declaration. */
  static byte[] serialize(Element element) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(element, bytes, false);
    return bytes.toByteArray();
  }

  /** Writes {@code node} as UTF-8 to {@code out}, every namespace it uses declared. */
  static void write(Node node, OutputStream out, boolean declaration) {
    Document doc = node instanceof Document d ? d : node.getOwnerDocument();
    DOMImplementationLS ls = (DOMImplementationLS) doc.getImplementation();
    LSSerializer serializer = ls.createLSSerializer();
    serializer.getDomConfig().setParameter("namespaces", true);
    serializer.getDomConfig().setParameter("xml-declaration", declaration);
    LSOutput output = ls.createLSOutput();
    output.setEncoding("UTF-8");
    output.setByteStream(out);
    serializer.write(node, output);
  }

  /** A deep copy of {@code element} as the root of a document of its own. */
  static Element detached(Element element) {
    Document doc = builder().newDocument();
    Element copy = (Element) doc.importNode(element, true);
    doc.appendChild(copy);
    return copy;
  }

}
