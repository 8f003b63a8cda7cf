package slapmon.config.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [alertmanager]} section of {@code monitor.conf}, slapmon's own: the Alertmanagers
 * failing promises are pushed to, and how many failed runs in a row make a promise alert.
 *
 * @param urls {@code url-list}, each Alertmanager's base URL ({@code /api/v2/alerts} is appended);
 *     every alert goes to each of them, as Prometheus does for a highly available pair
 * @param user {@code user}, Basic auth, with {@code password-file}
 * @param passwordFile {@code password-file}, the file whose first line is the Basic auth password
 * @param caFile {@code ca-file}, PEM certificates trusted besides the JDK's for https URLs
 * @param failureThreshold {@code failure-threshold}, consecutive failed runs before a promise
 *     alerts, for every promise not in {@code promiseFailureThresholds}
 * @param promiseFailureThresholds {@code promise-failure-threshold}, per promise title
 * @param resendInterval {@code resend-interval}, how often a firing alert is sent again
 */
public record AlertmanagerSection(
    List<URI> urls,
    Optional<String> user,
    Optional<Path> passwordFile,
    Optional<Path> caFile,
    int failureThreshold,
    Map<String, Integer> promiseFailureThresholds,
    Duration resendInterval) {

  public static final int DEFAULT_FAILURE_THRESHOLD = 1;
  public static final int MAX_FAILURE_THRESHOLD = 10_000;
  /** Prometheus resends every minute too; Alertmanager's resolve_timeout defaults to 5 min. */
  public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofSeconds(60);

  public AlertmanagerSection {
    urls = Checks.allBaseUrls(List.copyOf(urls), "urls");
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("urls must name at least one Alertmanager");
    }
    Objects.requireNonNull(user, "user");
    passwordFile.ifPresent(path -> Checks.absolute(path, "passwordFile"));
    if (user.isPresent() != passwordFile.isPresent()) {
      throw new IllegalArgumentException("user and passwordFile go together");
    }
    caFile.ifPresent(path -> Checks.absolute(path, "caFile"));
    threshold(failureThreshold, "failureThreshold");
    promiseFailureThresholds = Map.copyOf(promiseFailureThresholds);
    promiseFailureThresholds.forEach((title, count) -> threshold(count, "threshold of " + title));
    Objects.requireNonNull(resendInterval, "resendInterval");
    if (resendInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("resendInterval must be at least 1 s");
    }
  }

  /** How many failed runs in a row of the promise {@code title} make it alert. */
  public int failureThreshold(String title) {
    return promiseFailureThresholds.getOrDefault(title, failureThreshold);
  }

  private static void threshold(int count, String what) {
    if (count < 1 || count > MAX_FAILURE_THRESHOLD) {
      throw new IllegalArgumentException(
          what + " must be from 1 to " + MAX_FAILURE_THRESHOLD + ", got " + count);
    }
  }
}
