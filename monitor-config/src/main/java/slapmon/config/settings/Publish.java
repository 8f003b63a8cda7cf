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
   * The section as the original template builds it, {@code interface-url}{@code
   * /#page=settings_configurator&url=}OPML{@code &username=}user{@code &password=}password, except
   * that the three values are percent-encoded (SPEC D.40): a password holding {@code &}, {@code #},
   * {@code %}, {@code +}, a space or non-ASCII text reaches the web app intact. Values made of
   * {@code A-Z a-z 0-9 - . _ ~ : / @ [ ]} come out exactly as the original wrote them.
   */
  public static Publish derive(URI interfaceUrl, PublishParameters parameters) {
    String setupUrl =
        interfaceUrl
            + "/#page=settings_configurator&url="
            + QueryValue.encode(parameters.monitorUrl().toString())
            + "&username="
            + QueryValue.encode(parameters.monitorUser())
            + "&password="
            + QueryValue.encode(parameters.monitorPassword().text());
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
