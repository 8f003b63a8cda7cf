package slapmon.runtime.state;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import slapmon.config.layout.PartitionLayout;

/**
 * What the state publisher needs to know: the monitor's titles and base URL, its public and
 * private folders, the related monitors, the partition's identity, and how many rows the
 * success/error series keeps.
 *
 * @param title {@code [monitor] title}; "Instance Monitoring" is published when it is empty
 * @param rootTitle {@code [monitor] root-title}
 * @param baseUrl {@code [monitor] base-url}, with or without a trailing slash
 * @param layout the partition's paths: the public folder, where the status files are and the
 *     public documents go, the private folder and its documents
 * @param relatedMonitors {@code [monitor] monitor-url-list}, the sub-monitors' base URLs
 * @param identity the partition's identity
 * @param seriesRows the most rows {@code monitor_state.data.json} keeps, header excluded
 */
public record StateSettings(
    String title,
    String rootTitle,
    URI baseUrl,
    PartitionLayout layout,
    List<URI> relatedMonitors,
    PartitionIdentity identity,
    int seriesRows) {

  /** A week of rows at one publish a minute. */
  public static final int DEFAULT_SERIES_ROWS = 7 * 24 * 60;

  public StateSettings {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(rootTitle, "rootTitle");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(layout, "layout");
    relatedMonitors = List.copyOf(relatedMonitors);
    Objects.requireNonNull(identity, "identity");
    if (seriesRows < 1) {
      throw new IllegalArgumentException("seriesRows must be at least 1, got " + seriesRows);
    }
  }

  /** Where the status files are and the public documents go. */
  public Path publicFolder() {
    return layout.publicFolder();
  }

  /** Where the private documents go. */
  public Path privateFolder() {
    return layout.privateFolder();
  }

}
