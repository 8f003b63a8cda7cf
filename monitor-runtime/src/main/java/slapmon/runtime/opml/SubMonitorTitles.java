package slapmon.runtime.opml;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import slapmon.runtime.log.LogText;

/**
 * The titles of the sub-monitors of {@code monitor-url-list}, fetched concurrently from each one's
 * public {@code monitor.global.json} on every {@link #refresh()}; a sub-monitor that fails keeps
 * its last good title, or shows a placeholder naming the problem. Never throws once created.
 *
 * <p>Trust: a sub-monitor's certificate must chain to the JDK's default trust store (frontends have
 * public certificates) or to a certificate of the optional PEM file given at creation ({@code
 * sub-monitor-ca-file}), where the partition CA of raw-IPv6 sub-monitors or their self-signed
 * certificates go; host names and IP addresses are verified.
 * Verification is kept, unlike the legacy bootstrap, although the fetch is read-only, anonymous and
 * sends no credentials: without it anyone on the path could put any text in the OPML and the
 * dashboard under the name of a monitor the operator listed, and the cost of keeping it is one file
 * of configuration. A certificate that does not verify is shown as {@code "<url> (TLS: untrusted
 * certificate)"}, never silently accepted.
 */
public final class SubMonitorTitles {
  /** How long one fetch may take, connection included. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger("slapmon.opml");

  private final List<URI> urls;
  private final Optional<TitleFetch> fetch; // none without sub-monitors
  private final Map<URI, String> lastGood = new HashMap<>(); // guarded by this
  private final Set<URI> failing = new HashSet<>(); // guarded by this
  private volatile Map<URI, SubMonitorTitle> current;

  SubMonitorTitles(List<URI> urls, Optional<TitleFetch> fetch) {
    this.urls = List.copyOf(urls);
    this.fetch = fetch;
    Map<URI, SubMonitorTitle> initial = new LinkedHashMap<>();
    this.urls.forEach(url -> initial.put(url, SubMonitorTitle.notFetched(url)));
    this.current = Collections.unmodifiableMap(initial);
  }

  /**
   * Prepares the fetches; nothing goes over the network before {@link #refresh()}.
   *
   * @param monitorUrls the sub-monitors' base URLs, without trailing slash
   * @param extraTrustedPem PEM certificates trusted besides the JDK's, such as the partition CA
   * @param timeout the bound of one fetch, connection included
   * @throws IOException naming the PEM file when it cannot be read or holds no certificate
   */
  public static SubMonitorTitles create(
      List<URI> monitorUrls, Optional<Path> extraTrustedPem, Duration timeout) throws IOException {
    if (monitorUrls.isEmpty()) {
      // Most monitors have no sub-monitor: no trust store built (the JDK's, 150 certificates,
      // a tenth of the start's CPU) nor HTTP client (a thread) for nothing; a wrong PEM file is
      // still an error at start.
      TrustedCertificates.requireCertificates(extraTrustedPem);
      return new SubMonitorTitles(List.of(), Optional.empty());
    }
    return new SubMonitorTitles(
        monitorUrls,
        Optional.of(new TitleFetch(TrustedCertificates.sslContext(extraTrustedPem), timeout)));
  }

  /**
   * Fetches every title at once and waits for all of them (about one timeout at worst).
   *
   * @return URL → outcome, in {@code monitor-url-list} order
   */
  public synchronized Map<URI, SubMonitorTitle> refresh() {
    Map<URI, CompletableFuture<TitleFetch.Result>> pending = new LinkedHashMap<>();
    urls.forEach(url -> pending.put(url, fetch.orElseThrow().fetch(url)));
    Map<URI, SubMonitorTitle> next = new LinkedHashMap<>();
    pending.forEach((url, result) -> next.put(url, outcome(url, result.join())));
    current = Collections.unmodifiableMap(next);
    return current;
  }

  /** The outcome of the latest refresh, or "not fetched yet" placeholders before the first. */
  public Map<URI, SubMonitorTitle> current() {
    return current;
  }

  private SubMonitorTitle outcome(URI url, TitleFetch.Result result) {
    if (result.title().isPresent()) {
      String title = result.title().get();
      lastGood.put(url, title);
      if (failing.remove(url)) {
        LOG.log(Level.INFO, "event=submonitor-answering-again url=" + url);
      }
      return SubMonitorTitle.fetched(url, title, result.status());
    }
    String problem = result.problem().orElse("no title");
    Optional<String> kept = Optional.ofNullable(lastGood.get(url));
    if (!failing.add(url)) {
      // Asked once a period: logged when it starts failing, not at every refresh.
      return SubMonitorTitle.failed(url, problem, kept);
    }
    LOG.log(
        Level.WARNING,
        "event=submonitor-title-failed url="
            + url
            + " problem=\""
            + LogText.bounded(problem)
            + "\" kept="
            + (kept.isPresent() ? "last-good-title" : "placeholder"));
    return SubMonitorTitle.failed(url, problem, kept);
  }
}
