package slapmon.runtime.alert;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import slapmon.runtime.process.NagiosStatus;
import slapmon.runtime.promise.PromiseRun;

/**
 * Who alerts: this monitor's titles, partition and URL, which make an alert's labels and links.
 *
 * @param partition the partition's id, when {@code [promises]} gives it
 * @param computer the computer's id, when {@code [promises]} gives it
 */
public record AlertIdentity(
    String title,
    String rootTitle,
    Optional<String> partition,
    Optional<String> computer,
    URI baseUrl) {
  static final String ALERT_NAME = "PromiseFailed";
  /** Alertmanager shows annotations whole: a promise's output is capped well before. */
  static final int MESSAGE_CAP = 4096;

  public AlertIdentity {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(rootTitle, "rootTitle");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(computer, "computer");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** The alert a failed run raises, dated {@code since}, the first failed run of its streak. */
  Alert firing(PromiseRun run, java.time.Instant since) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", ALERT_NAME);
    labels.put("promise", run.title());
    labels.put("severity", severity(run.nagios()));
    labels.put("title", title);
    labels.put("root_title", rootTitle);
    partition.ifPresent(id -> labels.put("partition", id));
    computer.ifPresent(id -> labels.put("computer", id));
    String message = cap(run.message().strip());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", run.title() + " is " + run.nagios() + " on " + title);
    annotations.put("message", message);
    annotations.put("status", run.nagios().name());
    annotations.put("dashboard", dashboard());
    annotations.put("status_url", statusUrl(run.title()));
    return new Alert(labels, annotations, since, Optional.empty(), dashboard());
  }

  /**
   * {@code warning} for a Nagios WARNING, {@code critical} for every other failure (CRITICAL,
   * UNKNOWN, TIMEOUT, an exit code outside the convention): the values routes usually match.
   */
  static String severity(NagiosStatus status) {
    return status == NagiosStatus.WARNING ? "warning" : "critical";
  }

  private String base() {
    String base = baseUrl.toString();
    return base.endsWith("/") ? base : base + "/";
  }

  private String dashboard() {
    return base();
  }

  private String statusUrl(String promise) {
    String name = URLEncoder.encode(promise + ".status.json", StandardCharsets.UTF_8);
    return base() + "public/" + name.replace("+", "%20");
  }

  private static String cap(String text) {
    if (text.length() <= MESSAGE_CAP) {
      return text;
    }
    return text.substring(0, MESSAGE_CAP) + "…";
  }
}
