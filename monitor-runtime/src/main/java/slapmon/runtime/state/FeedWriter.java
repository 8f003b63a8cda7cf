package slapmon.runtime.state;

import slapmon.runtime.xml.XmlText;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.rss.Source;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import slapmon.runtime.json.Json;

/**
 * Renders the RSS 2.0 feed of SPEC §A.8.4 with Rome: UTF-8, dates in true GMT, one item per
 * status, newest change first, one GUID per (promise, change-time).
 */
final class FeedWriter {
  /** The content type the HTTP layer should serve {@code public/feed} with (SPEC D.43). */
  static final String CONTENT_TYPE = "application/rss+xml; charset=utf-8";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final Set<String> NAMED_IN_TITLES = Set.of("WARNING", "UNKNOWN", "TIMEOUT");

  private final String title;
  private final String rootTitle;
  private final Links links;

  FeedWriter(String title, String rootTitle, Links links) {
    this.title = title;
    this.rootTitle = rootTitle;
    this.links = links;
  }

  byte[] render(Instant now, List<PromiseStatus> statuses) {
    Channel channel = new Channel("rss_2.0");
    channel.setEncoding("UTF-8");
    channel.setTitle(XmlText.clean(title));
    channel.setLink(links.feed());
    channel.setDescription(XmlText.clean(rootTitle));
    channel.setLastBuildDate(Date.from(now));
    channel.setGenerator("slapmon");
    channel.setDocs("https://www.rssboard.org/rss-specification");
    List<Item> items = new ArrayList<>();
    statuses.stream().sorted(PromiseStatus.NEWEST_FIRST).forEach(status -> items.add(item(status)));
    channel.setItems(items);
    try {
      // Raw, not WireFeedOutput's compact format: that one collapses the messages' line breaks.
      Document document = new WireFeedOutput().outputJDom(channel);
      // UTF-8 encodes every character: none needs a character reference (JDOM's default escapes
      // those outside the BMP).
      Format format =
          Format.getRawFormat().setEncoding("UTF-8").setLineSeparator("\n").setEscapeStrategy(c -> false);
      return new XMLOutputter(format).outputString(document).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("cannot render the RSS feed: " + e.getMessage(), e);
    }
  }

  private Item item(PromiseStatus status) {
    String promiseTitle = XmlText.clean(status.title());
    Item item = new Item();
    item.setTitle("[" + XmlText.clean(titleStatus(status)) + "] " + promiseTitle);
    item.setLink(links.dashboardPromise(status.title()));
    Description description = new Description();
    // RSS readers render a description as HTML: the output is escaped once more to be shown as
    // text, whatever markup a promise prints.
    description.setType("text/html");
    description.setValue(
        XmlText.asHtmlText(
            changeTimeText(status.changeTime()) + ": " + status.status() + "\n"
                + status.message()));
    item.setDescription(description);
    Category category = new Category();
    category.setValue(XmlText.clean(status.status()));
    item.setCategories(List.of(category));
    Guid guid = new Guid();
    guid.setPermaLink(false);
    guid.setValue(
        links.guid(status.fileName(), Json.epochSeconds(status.changeTime()).toPlainString()));
    item.setGuid(guid);
    item.setPubDate(Date.from(status.changeTime()));
    Source source = new Source();
    source.setUrl(links.publicShare());
    source.setValue(promiseTitle);
    item.setSource(source);
    return item;
  }

  /**
   * The status an item's title names: the Nagios one where it says more than OK/ERROR (a WARNING,
   * an UNKNOWN, a TIMEOUT), the legacy one otherwise (a CRITICAL stays ERROR, as in the category).
   */
  static String titleStatus(PromiseStatus status) {
    String nagios = status.document().path("nagios-status").asText("");
    return NAMED_IN_TITLES.contains(nagios) ? nagios : status.status();
  }

  /** Python's {@code str(datetime)} of the change-time in UTC: microseconds only when non-zero. */
  static String changeTimeText(Instant changeTime) {
    int micros = changeTime.getNano() / 1000;
    String seconds = SECONDS.format(changeTime);
    return micros == 0 ? seconds : seconds + String.format(".%06d", micros);
  }
}
