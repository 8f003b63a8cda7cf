package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import slapmon.runtime.json.Json;

/**
 * Parses a feed with the real Universal Feed Parser (Debian's {@code python3-feedparser}, run by
 * {@code /usr/bin/python3}) and returns what it saw as JSON; fails the test when it is absent.
 */
final class Feedparser {
  static final String PYTHON = "/usr/bin/python3";
  private static final String SCRIPT =
      String.join(
          "\n",
          "import calendar, feedparser, json, sys",
          "d = feedparser.parse(sys.argv[1])",
          "def epoch(t):",
          "    return calendar.timegm(t) if t else None",
          "print(json.dumps({",
          "    'bozo': bool(d.bozo),",
          "    'bozo_exception': str(d.get('bozo_exception', '')),",
          "    'encoding': d.get('encoding'),",
          "    'version': d.get('version'),",
          "    'feed': {'title': d.feed.get('title'), 'link': d.feed.get('link'),",
          "             'subtitle': d.feed.get('subtitle'), 'updated': epoch(d.feed.get('updated_parsed'))},",
          "    'entries': [{'id': e.get('id'), 'guidislink': e.get('guidislink'),",
          "                 'title': e.get('title'), 'link': e.get('link'),",
          "                 'summary': e.get('summary'),",
          "                 'summary_type': e.get('summary_detail', {}).get('type'),",
          "                 'published': epoch(e.get('published_parsed')),",
          "                 'category': e.get('category'), 'source': e.get('source', {}).get('title'),",
          "                 'source_url': e.get('source', {}).get('href'), 'comments': e.get('comments')}",
          "                for e in d.entries]}))");

  private Feedparser() {}

  static JsonNode parse(Path feed) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      fail(PYTHON + " is missing: install Debian's python3 and python3-feedparser (apt-get install -y python3-feedparser)");
    }
    Process process =
        new ProcessBuilder(PYTHON, "-c", SCRIPT, feed.toString()).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("feedparser did not finish within 30 s");
    }
    if (process.exitValue() != 0) {
      if (err.contains("No module named 'feedparser'")) {
        fail("python3-feedparser is not installed for " + PYTHON + ": apt-get install -y python3-feedparser");
      }
      fail("feedparser failed (exit " + process.exitValue() + "): " + err);
    }
    return Json.mapper().readTree(out);
  }

  static List<String> ids(JsonNode parsed) {
    return parsed.path("entries").findValuesAsText("id");
  }
}
