package slapmon.runtime.opml;

import slapmon.runtime.xml.XmlText;
import com.rometools.opml.feed.opml.Attribute;
import com.rometools.opml.feed.opml.Outline;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One monitor's line of the OPML (SPEC §A.5.3): its title and the base URL its feed and share links
 * derive from.
 *
 * @param title the text shown for the monitor
 * @param base the monitor's base URL, without trailing slash
 */
record FeedOutline(String title, URI base) {
  FeedOutline {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(base, "base");
  }

  String feedUrl() {
    return base + "/public/feed";
  }

  String shareUrl() {
    return base + "/share/jio_private/";
  }

  /**
   * The Rome outline with its attributes in the legacy order {@code text title type version htmlUrl
   * xmlUrl url}; title and type go in as plain attributes because Rome would otherwise write them
   * before {@code title}.
   */
  Outline toOutline() {
    String text = XmlText.clean(title);
    Outline outline = new Outline();
    outline.setText(text);
    List<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("title", text));
    attributes.add(new Attribute("type", "rss"));
    attributes.add(new Attribute("version", "RSS"));
    attributes.add(new Attribute("htmlUrl", feedUrl()));
    attributes.add(new Attribute("xmlUrl", feedUrl()));
    attributes.add(new Attribute("url", shareUrl()));
    outline.setAttributes(attributes);
    return outline;
  }
}
