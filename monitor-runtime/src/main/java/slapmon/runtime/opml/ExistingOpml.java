package slapmon.runtime.opml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import slapmon.runtime.log.LogText;

/**
 * The OPML file already on disk, as far as the next write needs it: its bytes and its head dates
 * (ours, or the legacy bootstrap's, which use the same format).
 *
 * @param bytes the whole file
 * @param created {@code head/dateCreated}, when present and readable
 * @param modified {@code head/dateModified}, when present and readable
 */
record ExistingOpml(byte[] bytes, Optional<Instant> created, Optional<Instant> modified) {
  private static final System.Logger LOG = System.getLogger("slapmon.opml");

  /** Empty when there is no file; a file that is not XML is kept as bytes, without dates. */
  static Optional<ExistingOpml> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new IOException(file + ": could not read file: " + e.getMessage(), e);
    }
    try {
      Document document = parse(bytes);
      return Optional.of(
          new ExistingOpml(bytes, date(document, "dateCreated"), date(document, "dateModified")));
    } catch (SAXException | ParserConfigurationException | XPathExpressionException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          LogText.bounded(
              "event=opml-unreadable path=" + file + " action=recreate error=" + e.getMessage()));
      return Optional.of(new ExistingOpml(bytes, Optional.empty(), Optional.empty()));
    }
  }

  private static Document parse(byte[] bytes)
      throws ParserConfigurationException, SAXException, IOException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // Our own file, but still parsed as untrusted input: no DTD, no external entity.
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    var builder = factory.newDocumentBuilder();
    builder.setErrorHandler(new DefaultHandler()); // no "[Fatal Error]" on stderr: we log
    return builder.parse(new ByteArrayInputStream(bytes));
  }

  private static Optional<Instant> date(Document document, String name)
      throws XPathExpressionException {
    String text =
        (String)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate("/opml/head/" + name, document, XPathConstants.STRING);
    return OpmlDates.parse(text);
  }
}
