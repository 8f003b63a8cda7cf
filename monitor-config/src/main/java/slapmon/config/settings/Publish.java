package slapmon.config.settings;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code [monitor-publish]}, the connection parameters a software release publishes through {@code
 * <= monitor-publish}: {@code monitor-base-url}, {@code monitor-setup-url}, and any other option of
 * the section, kept in order in {@code extra}.
 *
 * <p>{@code monitorSetupUrl} is text, not a {@link URI}: the original builds it by concatenation
 * without percent-encoding (SPEC §A.11), so a section given by a profile need not be a valid URI.
 * It carries the password, which is why {@link #toString()} does not show it.
 */
public record Publish(URI monitorBaseUrl, String monitorSetupUrl, Map<String, String> extra) {

  public Publish {
    Checks.baseUrl(monitorBaseUrl, "monitorBaseUrl");
    Checks.line(monitorSetupUrl, "monitorSetupUrl");
    Map<String, String> copy = new LinkedHashMap<>();
    extra.forEach(
        (key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
    extra = Collections.unmodifiableMap(copy);
  }

  /**
   * The section as the original template builds it: {@code monitor-setup-url} is {@link SetupUrl}
   * of {@code interface-url} and the published OPML URL, user and password.
   */
  public static Publish derive(URI interfaceUrl, PublishParameters parameters) {
    String setupUrl =
        SetupUrl.build(
            interfaceUrl.toString(),
            parameters.monitorUrl().toString(),
            parameters.monitorUser(),
            parameters.monitorPassword().text());
    return new Publish(parameters.monitorBaseUrl(), setupUrl, Map.of());
  }

  @Override
  public String toString() {
    return "Publish[monitorBaseUrl="
        + monitorBaseUrl
        + ", monitorSetupUrl=(not shown: it carries"
        + " the password), extra="
        + extra
        + "]";
  }
}
