package slapmon.runtime.launch;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import slapmon.config.ConfigException;
import slapmon.config.settings.HttpdSection;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * The CORS policy in force. The domains saved from the parameter editor ({@code httpdcors}) win
 * while any is set; otherwise {@code [httpd] cors-domains} of monitor.conf, taken again when the
 * file changes (looked at once a second at most), so that either edit applies without a restart.
 * A file that no longer loads keeps the last good policy and says why, once.
 */
final class CorsReload implements Supplier<CorsPolicy> {
  private static final System.Logger LOG = System.getLogger("slapmon.http");

  private final Path file;
  private final Clock clock;
  private final Supplier<List<String>> edited;
  private volatile CorsPolicy policy;
  private FileTime seen;
  private Instant nextCheck = Instant.MIN;
  private List<String> lastEdited = List.of();
  private CorsPolicy editedPolicy = new CorsPolicy(List.of());

  /**
   * @param domains monitor.conf's domains as loaded at start
   * @param edited the editor's domains, empty when none is set; the same list until it changes
   */
  CorsReload(Path file, List<String> domains, Supplier<List<String>> edited, Clock clock)
      throws IOException {
    this.file = file;
    this.clock = clock;
    this.edited = edited;
    this.policy = new CorsPolicy(domains);
    this.seen = Files.getLastModifiedTime(file);
  }

  @Override
  public CorsPolicy get() {
    List<String> fromEditor = edited.get();
    if (!fromEditor.isEmpty()) {
      synchronized (this) {
        if (fromEditor != lastEdited) {
          lastEdited = fromEditor;
          editedPolicy = new CorsPolicy(fromEditor);
          LOG.log(Level.INFO, "event=cors-edited domains=" + editedPolicy.domains());
        }
        return editedPolicy;
      }
    }
    return fromMonitorConf();
  }

  private CorsPolicy fromMonitorConf() {
    Instant now = clock.instant();
    synchronized (this) {
      if (now.isBefore(nextCheck)) {
        return policy;
      }
      nextCheck = now.plusSeconds(1);
      try {
        FileTime modified = Files.getLastModifiedTime(file);
        if (!modified.equals(seen)) {
          seen = modified;
          policy = new CorsPolicy(
              RuntimeConfig.load(file).conf().httpd().map(HttpdSection::corsDomains).orElse(List.of()));
          LOG.log(Level.INFO, "event=cors-reloaded domains=" + policy.domains());
        }
      } catch (IOException | ConfigException e) {
        LOG.log(Level.WARNING, "event=cors-reload-failed file=" + file + " keeping=" + policy.domains()
            + " error=" + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return policy;
  }
}
