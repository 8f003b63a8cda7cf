package slapmon.runtime.opml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.json.Json;

/**
 * Writes {@code private/monitor.sub-monitors.json}: what the latest title refresh learnt of each
 * sub-monitor (title, own status, problem), for the dashboard. A browser cannot ask the
 * sub-monitors itself: they are other origins, which the dashboard's content security policy (and
 * usually their CORS settings) forbid.
 *
 * <p>Shape: {@code {"date": ISO, "monitors": [{"url", "title", "feed", "share", "status", "problem",
 * "placeholder"}]}} in {@code monitor-url-list} order; {@code status} is the sub-monitor's own (OK,
 * WARNING, ERROR), {@code null} when the latest fetch failed; {@code problem} is {@code null} when
 * it succeeded; {@code placeholder} says the title is ours, not one the sub-monitor sent.
 */
public final class SubMonitorStates {
  /** The file's name in the private folder. */
  public static final String FILE_NAME = "monitor.sub-monitors.json";

  private final Path target;

  public SubMonitorStates(Path target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  /** The writer of {@link #FILE_NAME} in the monitor's private folder. */
  public static SubMonitorStates inPrivateFolder(OpmlSettings monitor) {
    return new SubMonitorStates(monitor.privateFolder().resolve(FILE_NAME));
  }

  /**
   * Writes one entry per {@code monitor-url-list} URL, from {@code titles} (a URL missing there is
   * "not fetched yet").
   */
  public void write(OpmlSettings monitor, Map<URI, SubMonitorTitle> titles, Instant now)
      throws IOException {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("date", Json.isoDate(now));
    ArrayNode monitors = doc.putArray("monitors");
    for (URI url : monitor.subMonitors()) {
      SubMonitorTitle title = titles.getOrDefault(url, SubMonitorTitle.notFetched(url));
      FeedOutline outline = new FeedOutline(title.title(), url);
      ObjectNode entry = monitors.addObject();
      entry.put("url", url.toString());
      entry.put("title", title.title());
      entry.put("feed", outline.feedUrl());
      entry.put("share", outline.shareUrl());
      entry.put("status", title.status().orElse(null));
      entry.put("problem", title.problem().orElse(null));
      entry.put("placeholder", title.placeholder());
    }
    AtomicFiles.write(target, Json.bytes(doc));
  }
}
