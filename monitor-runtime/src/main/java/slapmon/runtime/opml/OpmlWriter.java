package slapmon.runtime.opml;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import slapmon.runtime.io.AtomicFiles;

/**
 * Writes {@code public/feeds}, the OPML list of this monitor's feed and its sub-monitors' feeds
 * (SPEC §A.5.3), atomically, and only when something other than {@code dateModified} changed.
 *
 * <p>{@code dateCreated} is read back from the file already there (a legacy file's included) and
 * kept, so it is the time the file was first written (SPEC D.13); {@code dateModified} is the last
 * time the content changed, not the last time it was checked. Thread-safe.
 */
public final class OpmlWriter {
  /** The content type the HTTP layer should serve {@code public/feeds} with (SPEC D.43). */
  public static final String CONTENT_TYPE = "text/x-opml; charset=utf-8";

  /** The file's name in the public folder. */
  public static final String FILE_NAME = "feeds";

  private final Path target;

  public OpmlWriter(Path target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  /** The writer of {@code feeds} in the monitor's public folder. */
  public static OpmlWriter inPublicFolder(OpmlSettings monitor) {
    return new OpmlWriter(monitor.publicFolder().resolve(FILE_NAME));
  }

  public Path target() {
    return target;
  }

  /**
   * Writes the list for {@code monitor}: its own feed first, then one outline per {@code
   * monitor-url-list} entry in order, titled from {@code titles} (a URL missing there gets a "not
   * fetched yet" placeholder).
   *
   * @return whether the file was (re)written
   * @throws IOException naming the file when it cannot be read or written
   */
  public boolean write(OpmlSettings monitor, Map<URI, SubMonitorTitle> titles, Instant now)
      throws IOException {
    List<FeedOutline> feeds = new ArrayList<>();
    feeds.add(new FeedOutline(monitor.title(), monitor.baseUrl()));
    for (URI url : monitor.subMonitors()) {
      SubMonitorTitle title = titles.get(url);
      feeds.add(
          new FeedOutline(
              title == null ? SubMonitorTitle.notFetched(url).title() : title.title(), url));
    }
    return write(monitor.rootTitle(), feeds, now);
  }

  synchronized boolean write(String rootTitle, List<FeedOutline> feeds, Instant now)
      throws IOException {
    Optional<ExistingOpml> existing = ExistingOpml.read(target);
    Instant created = existing.flatMap(ExistingOpml::created).orElse(now);
    Optional<Instant> modified = existing.flatMap(ExistingOpml::modified);
    if (modified.isPresent()) {
      byte[] unchanged = OpmlDocument.render(rootTitle, feeds, created, modified.get());
      if (Arrays.equals(unchanged, existing.get().bytes())) {
        return false;
      }
    }
    AtomicFiles.write(target, OpmlDocument.render(rootTitle, feeds, created, now));
    return true;
  }
}
