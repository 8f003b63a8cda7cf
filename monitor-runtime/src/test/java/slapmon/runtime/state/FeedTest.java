package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.opml.Xml;

/** The RSS feed as the real Universal Feed Parser reads it (DESIGN §4). */
@Timeout(60)
final class FeedTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:47:01Z");
  private static final RunnerHealth HEALTH =
      new RunnerHealth(Optional.of(NOW), NOW.plusSeconds(60), Duration.ofSeconds(60));

  @TempDir Path dir;

  private JsonNode publishAndParse() throws Exception {
    new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);
    return Feedparser.parse(dir.resolve("public/feed"));
  }

  @Test
  void feedparser_reads_every_item_newest_first_with_guid_and_gmt_date() throws Exception {
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    Instant older = Instant.parse("2026-11-20T08:00:00.530Z");
    Instant newer = Instant.parse("2026-11-24T10:40:59.250Z");
    files.write("promise_1", true, NOW, older, "success\n");
    files.write("promise_2", false, NOW, newer, "failed\n");
    files.write("promise_3", true, NOW, older, "success\n");

    JsonNode feed = publishAndParse();

    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    assertThat(feed.get("version").asText()).isEqualTo("rss20");
    assertThat(feed.get("encoding").asText()).isEqualToIgnoringCase("utf-8");
    assertThat(feed.at("/feed/title").asText()).isEqualTo("Monitor");
    assertThat(feed.at("/feed/link").asText()).isEqualTo("https://monitor.test.com/public/feed");
    assertThat(feed.at("/feed/updated").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(Feedparser.ids(feed))
        .containsExactly(
            "https://monitor.test.com/public/promise_2.status.json#1795516859.250",
            "https://monitor.test.com/public/promise_1.status.json#1795161600.530",
            "https://monitor.test.com/public/promise_3.status.json#1795161600.530");
    assertThat(feed.get("entries").findValuesAsText("title"))
        .containsExactly("[ERROR] promise_2", "[OK] promise_1", "[OK] promise_3");
    assertThat(feed.get("entries").findValues("published"))
        .extracting(JsonNode::asLong)
        .containsExactly(newer.getEpochSecond(), older.getEpochSecond(), older.getEpochSecond());
    JsonNode first = feed.get("entries").get(0);
    assertThat(first.get("guidislink").asBoolean()).isFalse();
    assertThat(first.get("link").asText()).isEqualTo("https://monitor.test.com/#promise=promise_2");
    assertThat(first.get("summary").asText()).isEqualTo("2026-11-24 10:40:59.250000: ERROR\nfailed");
    assertThat(first.get("category").asText()).isEqualTo("ERROR");
    assertThat(first.get("source").asText()).isEqualTo("promise_2");
  }

  @Test
  void titles_name_warning_unknown_and_timeout_and_links_open_the_promise_on_the_dashboard()
      throws Exception {
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    Instant change = Instant.parse("2026-11-24T10:00:00Z");
    Map<String, String> nagiosByTitle =
        Map.of("warns", "WARNING", "unsure", "UNKNOWN", "hangs", "TIMEOUT", "fails", "CRITICAL",
            "broken", "ERROR", "disk space/2", "OK");
    int second = 0;
    for (Map.Entry<String, String> entry : new TreeMap<>(nagiosByTitle).entrySet()) {
      boolean ok = entry.getValue().equals("OK");
      ObjectNode doc =
          StatusFiles.document(entry.getKey(), ok, NOW, change.plusSeconds(second++), "said\n");
      doc.put("nagios-status", entry.getValue());
      files.write(entry.getKey().replace('/', '_'), doc);
    }

    JsonNode feed = publishAndParse();

    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    assertThat(feed.get("entries").findValuesAsText("title"))
        .containsExactly("[WARNING] warns", "[UNKNOWN] unsure", "[TIMEOUT] hangs", "[ERROR] fails",
            "[OK] disk space/2", "[ERROR] broken");
    // The category stays the legacy status the OfficeJS app counts (OK / ERROR).
    assertThat(feed.get("entries").findValuesAsText("category"))
        .containsExactly("ERROR", "ERROR", "ERROR", "ERROR", "OK", "ERROR");
    assertThat(feed.get("entries").findValuesAsText("link"))
        .containsExactly("https://monitor.test.com/#promise=warns",
            "https://monitor.test.com/#promise=unsure", "https://monitor.test.com/#promise=hangs",
            "https://monitor.test.com/#promise=fails",
            "https://monitor.test.com/#promise=disk%20space%2F2",
            "https://monitor.test.com/#promise=broken");
    assertThat(feed.get("entries").findValues("comments")).allMatch(JsonNode::isNull);
    assertThat(feed.get("entries").findValuesAsText("source_url"))
        .containsOnly("https://monitor.test.com/share/public/");
    assertThat(Files.readString(dir.resolve("public/feed"), StandardCharsets.UTF_8))
        .doesNotContain("<comments>");
    Xml.assertXmllintAccepts(dir.resolve("public/feed"));
  }

  @Test
  void a_status_change_is_a_new_guid() throws Exception {
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    files.write("promise_1", true, NOW, Instant.parse("2026-11-24T10:00:00Z"), "success\n");
    String before = Feedparser.ids(publishAndParse()).get(0);
    files.write("promise_1", false, NOW, Instant.parse("2026-11-24T10:46:00Z"), "failed\n");
    String after = Feedparser.ids(publishAndParse()).get(0);

    assertThat(before).endsWith("promise_1.status.json#1795514400.000");
    assertThat(after).endsWith("promise_1.status.json#1795517160.000");
  }

  @Test
  void markup_quotes_and_non_ascii_come_out_escaped_and_intact() throws Exception {
    String title = "caf\u00e9 <b>&amp; \"q\" 'a' \u65e5\u672c \ud83d\ude00";
    String message = "x < y && z > \"w\" 'v' \u00e9\u00e8 \u041f\u0440\u0438\u0432\u0435\u0442 \ud83d\udd25\n";
    new StatusFiles(dir.resolve("public")).write(title, false, NOW, NOW, message);

    JsonNode feed = publishAndParse();

    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    JsonNode entry = feed.get("entries").get(0);
    assertThat(entry.get("title").asText()).isEqualTo("[ERROR] " + title);
    assertThat(entry.get("source").asText()).isEqualTo(title);
    // The description is HTML that renders as the message: its markup characters are escaped.
    assertThat(entry.get("summary").asText())
        .isEqualTo("2026-11-24 10:47:01: ERROR\n"
            + message.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;")); // feedparser gives &#39; back as '
    String xml = Files.readString(dir.resolve("public/feed"), StandardCharsets.UTF_8);
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    assertThat(xml).contains("&lt;b&gt;&amp;amp;", "x &amp;lt; y &amp;amp;&amp;amp; z", "\u65e5\u672c");
    assertThat(xml).doesNotContain("<b>");
    assertThat(xml).doesNotContain("<comments>");
  }

  @Test
  void markup_in_promise_output_reaches_a_reader_as_text_never_as_markup() throws Exception {
    String message = "<script>alert(1)</script><img src=x onerror=alert(2)> a &amp; b\n";
    new StatusFiles(dir.resolve("public")).write("promise_1", false, NOW, NOW, message);

    JsonNode feed = publishAndParse();

    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    JsonNode entry = feed.get("entries").get(0);
    // HTML whose rendering is the text itself: every tag escaped, nothing for a sanitizer to cut.
    assertThat(entry.get("summary_type").asText()).isEqualTo("text/html");
    assertThat(entry.get("summary").asText())
        .isEqualTo("2026-11-24 10:47:01: ERROR\n&lt;script&gt;alert(1)&lt;/script&gt;"
            + "&lt;img src=x onerror=alert(2)&gt; a &amp;amp; b");
  }

  @Test
  void control_characters_in_promise_output_do_not_break_the_feed() throws Exception {
    new StatusFiles(dir.resolve("public")).write("promise_1", false, NOW, NOW, "bell\u0007 nul\u0000 esc\u001b[0m\n");

    JsonNode feed = publishAndParse();

    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    assertThat(feed.get("entries").get(0).get("summary").asText())
        .isEqualTo("2026-11-24 10:47:01: ERROR\nbell\ufffd nul\ufffd esc\ufffd[0m");
  }

  @Test
  void dates_are_gmt_whatever_the_default_time_zone() throws Exception {
    Instant change = Instant.parse("2026-06-20T09:45:01.530Z");
    new StatusFiles(dir.resolve("public")).write("promise_1", true, NOW, change, "ok\n");
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
    try {
      new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);
    } finally {
      TimeZone.setDefault(saved);
    }
    JsonNode feed = Feedparser.parse(dir.resolve("public/feed"));

    String xml = Files.readString(dir.resolve("public/feed"), StandardCharsets.UTF_8);
    assertThat(xml).contains("<pubDate>Sat, 20 Jun 2026 09:45:01 GMT</pubDate>");
    assertThat(feed.get("entries").get(0).get("published").asLong()).isEqualTo(change.getEpochSecond());
    assertThat(feed.get("entries").get(0).get("summary").asText()).startsWith("2026-06-20 09:45:01.530000: OK");
    assertThat(List.of(feed.at("/feed/updated").asLong())).containsExactly(NOW.getEpochSecond());
  }
}
