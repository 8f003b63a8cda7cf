package slapmon.runtime.opml;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the OPML shows for one sub-monitor after a refresh: the title to display, and why the latest
 * fetch failed if it did.
 *
 * @param url the sub-monitor's base URL, as in {@code monitor-url-list}
 * @param title the fetched title, else the last good one, else a placeholder naming the problem
 * @param problem empty when the latest fetch succeeded, else what went wrong (one line)
 * @param placeholder true when {@code title} is a placeholder, not a title the sub-monitor sent
 * @param status the sub-monitor's own status from the latest successful fetch; empty when that
 *     fetch failed or the sub-monitor sent none
 */
public record SubMonitorTitle(
    URI url, String title, Optional<String> problem, boolean placeholder, Optional<String> status) {
  public SubMonitorTitle {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(status, "status");
  }

  static SubMonitorTitle fetched(URI url, String title) {
    return fetched(url, title, Optional.empty());
  }

  static SubMonitorTitle fetched(URI url, String title, Optional<String> status) {
    return new SubMonitorTitle(url, title, Optional.empty(), false, status);
  }

  /** A failed fetch: the last good title when there is one, else {@code "<url> (<problem>)"}. */
  static SubMonitorTitle failed(URI url, String problem, Optional<String> lastGood) {
    return lastGood
        .map(title -> new SubMonitorTitle(url, title, Optional.of(problem), false, Optional.empty()))
        .orElseGet(
            () ->
                new SubMonitorTitle(
                    url, placeholder(url, problem), Optional.of(problem), true, Optional.empty()));
  }

  static SubMonitorTitle notFetched(URI url) {
    return failed(url, "title not fetched yet", Optional.empty());
  }

  static String placeholder(URI url, String problem) {
    return url + " (" + problem + ")";
  }

  public boolean ok() {
    return problem.isEmpty();
  }
}
