package slapmon.runtime.promise;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.PromiseTimeout;

/**
 * What the promise engine needs: who publishes (titles, base URL), where the executables are,
 * where results go, and its limits.
 *
 * @param layout where the executables are, where results go, the timeout file and the partition
 *     folder promises run in
 * @param defaultTimeout in force while the timeout file is missing or holds no good value yet
 * @param historyRetentionDays how many archived days of history are kept
 * @param outputCapBytes how much of each output stream a result keeps
 * @param slapgrid where slapgrid writes its promise results for this partition, when it does: those
 *     results are promises of the monitor too
 */
public record EngineSettings(
    String title,
    String rootTitle,
    URI baseUrl,
    PartitionLayout layout,
    Duration promisePeriod,
    Duration defaultTimeout,
    int workers,
    int historyRetentionDays,
    int outputCapBytes,
    Optional<SlapgridSource> slapgrid) {

  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(60);
  public static final Duration DEFAULT_TIMEOUT = PromiseTimeout.DEFAULT;
  public static final int DEFAULT_RETENTION_DAYS = 30;
  public static final int DEFAULT_OUTPUT_CAP = 64 * 1024;

  /**
   * How many promises and reports may run at once. A run mostly waits (for its process, for its
   * pipes, for a timeout), so the bound is not the number of cores: with one worker per core, a
   * few promises that hang until their timeout would hold every worker and make all the others
   * miss their period. The bound only keeps a runaway catalog from costing unbounded threads.
   */
  public static final int DEFAULT_WORKERS = 64;

  public EngineSettings {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(rootTitle, "rootTitle");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(layout, "layout");
    if (promisePeriod.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("promise period must be at least 1 s, got " + promisePeriod);
    }
    if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
      throw new IllegalArgumentException("default timeout must be positive, got " + defaultTimeout);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    Objects.requireNonNull(slapgrid, "slapgrid");
  }

  public EngineSettings withPromisePeriod(Duration period) {
    return new EngineSettings(
        title, rootTitle, baseUrl, layout, period, defaultTimeout, workers, historyRetentionDays,
        outputCapBytes, slapgrid);
  }

  /** The folders of executable promises. */
  public List<Path> promiseFolders() {
    return layout.promiseFolders();
  }

  public Optional<Path> reportFolder() {
    return layout.reportFolder();
  }

  public Path publicFolder() {
    return layout.publicFolder();
  }

  public Path privateFolder() {
    return layout.privateFolder();
  }

  /** The file of the promise timeout, which the web interface edits. */
  public Optional<Path> timeoutFile() {
    return layout.promiseTimeoutFile();
  }

  /** Where promises run: the partition folder. */
  public Path workingDirectory() {
    return layout.partition();
  }

  /** The legacy {@code _links.monitor.href}: the private WebDAV folder of this monitor. */
  String monitorHref() {
    String base = baseUrl.toString();
    return (base.endsWith("/") ? base : base + "/") + "share/private/";
  }

  /** History of promises lives in public/, of reports in private/data/.jio_documents/. */
  Path historyFolder(Kind kind) {
    return kind == Kind.PROMISE ? layout.publicFolder() : layout.dataDocuments();
  }

  Path resultFolder(Kind kind) {
    return kind == Kind.PROMISE ? layout.publicFolder() : layout.privateFolder();
  }

  /** Finished days of history are archived in private/documents/. */
  Path archiveFolder() {
    return layout.documents();
  }
}
