package slapmon.runtime.opml;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the OPML list and the sub-monitors' states need of monitor.conf: this monitor's title,
 * its root's title and base URL, the sub-monitors' URLs in order, and the two folders written.
 */
public record OpmlSettings(
    String title,
    String rootTitle,
    URI baseUrl,
    List<URI> subMonitors,
    Path publicFolder,
    Path privateFolder) {
  public OpmlSettings {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(rootTitle, "rootTitle");
    Objects.requireNonNull(baseUrl, "baseUrl");
    subMonitors = List.copyOf(subMonitors);
    Objects.requireNonNull(publicFolder, "publicFolder");
    Objects.requireNonNull(privateFolder, "privateFolder");
  }
}
