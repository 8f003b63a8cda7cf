package slapmon.runtime.opml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The two readers the OPML tests trust: Debian's {@code xmllint} (libxml2-utils) run as a process,
 * and the JDK's XPath over a DOM of the file.
 */
public final class Xml {
  static final String XMLLINT = "/usr/bin/xmllint";

  private final Document document;

  private Xml(Document document) {
    this.document = document;
  }

  static Xml parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return new Xml(factory.newDocumentBuilder().parse(file.toFile()));
  }

  String text(String xpath) throws Exception {
    return (String)
        XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.STRING);
  }

  int count(String xpath) throws Exception {
    return ((NodeList)
            XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET))
        .getLength();
  }

  /** The exit code and stderr of {@code xmllint --noout file}; fails when xmllint is absent. */
  public static XmllintResult xmllint(Path file) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(XMLLINT))) {
      fail(XMLLINT + " is missing: apt-get install -y libxml2-utils");
    }
    Process process =
        new ProcessBuilder(XMLLINT, "--noout", "--encode", "UTF-8", file.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("xmllint did not finish within 30 s");
    }
    return new XmllintResult(process.exitValue(), err);
  }

  public static void assertXmllintAccepts(Path file) throws IOException, InterruptedException {
    XmllintResult result = xmllint(file);
    assertThat(result.exitCode()).as("xmllint --noout %s: %s", file, result.stderr()).isZero();
    assertThat(result.stderr()).isEmpty();
  }

  public record XmllintResult(int exitCode, String stderr) {}
}
