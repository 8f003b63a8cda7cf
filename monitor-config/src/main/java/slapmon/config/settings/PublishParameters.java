package slapmon.config.settings;

import java.net.URI;
import java.util.Objects;

/**
 * {@code [monitor-publish-parameters]}, the values a monitor publishes to SlapOS, one component per
 * option.
 *
 * @param monitorBaseUrl {@code monitor-base-url}
 * @param monitorUrl {@code monitor-url}, the OPML: {@code monitor-base-url/public/feeds}
 * @param monitorUser {@code monitor-user}
 * @param monitorPassword {@code monitor-password}
 */
public record PublishParameters(
    URI monitorBaseUrl, URI monitorUrl, String monitorUser, Password monitorPassword) {

  public PublishParameters {
    Checks.baseUrl(monitorBaseUrl, "monitorBaseUrl");
    Checks.httpUrl(monitorUrl, "monitorUrl");
    Checks.line(monitorUser, "monitorUser");
    Objects.requireNonNull(monitorPassword, "monitorPassword");
  }

  /** The section as the original template derives it from the base URL and the credentials. */
  public static PublishParameters derive(URI baseUrl, String user, Password password) {
    return new PublishParameters(baseUrl, URI.create(baseUrl + "/public/feeds"), user, password);
  }
}
