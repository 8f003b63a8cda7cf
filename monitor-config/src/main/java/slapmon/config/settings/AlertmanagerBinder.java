package slapmon.config.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the Alertmanager options: {@code [alertmanager]} of {@code monitor.conf}, an optional
 * section (without it nothing is pushed) whose {@code url-list} then names at least one
 * Alertmanager; and the same options prefixed with {@code alertmanager-} in {@code
 * [monitor-instance-parameter]}, where an empty {@code alertmanager-url-list} (the default) means
 * no Alertmanager. {@code user} and {@code password-file} go together.
 */
final class AlertmanagerBinder {
  static final String SECTION = "alertmanager";
  static final String INSTANCE_PREFIX = "alertmanager-";
  private static final String URLS = "the base URL of one Alertmanager or more";

  private AlertmanagerBinder() {}

  /** {@code [alertmanager]} of monitor.conf; unknown keys are warnings. */
  static Optional<AlertmanagerSection> bind(SectionReader in) {
    if (!in.present()) {
      return Optional.empty();
    }
    List<URI> urls = in.requiredList("url-list", Parsers.BASE, URLS).orElse(List.of());
    if (urls.isEmpty() && !in.failed()) {
      in.missing("url-list", URLS);
    }
    Optional<AlertmanagerSection> section = options(in, "", urls);
    in.warnUnknown();
    return in.failed() ? Optional.empty() : section;
  }

  /**
   * The {@code alertmanager-} options of {@code [monitor-instance-parameter]}; empty when there is
   * no URL or a value is wrong (then reported). The caller warns about unknown keys.
   */
  static Optional<AlertmanagerSection> bindInstance(SectionReader in) {
    int errors = in.errorCount();
    List<URI> urls = in.list(INSTANCE_PREFIX + "url-list", Parsers.BASE).orElse(List.of());
    Optional<AlertmanagerSection> section = options(in, INSTANCE_PREFIX, urls);
    return urls.isEmpty() || in.errorCount() > errors ? Optional.empty() : section;
  }

  private static Optional<AlertmanagerSection> options(
      SectionReader in, String prefix, List<URI> urls) {
    Optional<String> user = in.optional(prefix + "user", Parsers.USER_NAME);
    Optional<Path> passwordFile = in.optional(prefix + "password-file", Parsers.ABSOLUTE_PATH);
    if (user.isPresent() && passwordFile.isEmpty()) {
      in.missing(
          prefix + "password-file", Parsers.PATH + " to the file of the Basic auth password");
    }
    if (passwordFile.isPresent() && user.isEmpty()) {
      in.missing(prefix + "user", Parsers.USER + ", the Basic auth user");
    }
    Optional<Path> caFile = in.optional(prefix + "ca-file", Parsers.ABSOLUTE_PATH);
    int threshold =
        in.optional(prefix + "failure-threshold", Parsers.FAILURE_THRESHOLD)
            .orElse(AlertmanagerSection.DEFAULT_FAILURE_THRESHOLD);
    Map<String, Integer> perPromise = new LinkedHashMap<>();
    in.list(prefix + "promise-failure-threshold", Parsers.PROMISE_THRESHOLD)
        .orElse(List.of())
        .forEach(entry -> perPromise.put(entry.getKey(), entry.getValue()));
    Duration resend =
        in.optional(prefix + "resend-interval", Parsers.WHOLE_SECONDS_DURATION)
            .orElse(AlertmanagerSection.DEFAULT_RESEND_INTERVAL);
    if (urls.isEmpty() || user.isPresent() != passwordFile.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        new AlertmanagerSection(urls, user, passwordFile, caFile, threshold, perPromise, resend));
  }
}
