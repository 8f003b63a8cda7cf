package slapmon.templates;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import slapmon.config.settings.Password;

/**
 * The connection parameters the monitor publishes (SPEC §A.11), and the file they are kept in for
 * a standalone partition (mode 0600: it holds the password).
 *
 * @param file where they are written, as JSON
 * @param monitorBaseUrl {@code monitor-base-url}
 * @param monitorUrl {@code monitor-url}, the OPML: {@code monitor-base-url/public/feeds}
 * @param monitorUser {@code monitor-user}
 * @param monitorPassword {@code monitor-password}
 * @param monitorSetupUrl {@code monitor-setup-url}, its query values percent-encoded
 */
public record ConnectionValues(
    Path file,
    URI monitorBaseUrl,
    URI monitorUrl,
    String monitorUser,
    Password monitorPassword,
    String monitorSetupUrl) {
  public ConnectionValues {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(monitorBaseUrl, "monitorBaseUrl");
    Objects.requireNonNull(monitorUrl, "monitorUrl");
    Objects.requireNonNull(monitorUser, "monitorUser");
    Objects.requireNonNull(monitorPassword, "monitorPassword");
    Objects.requireNonNull(monitorSetupUrl, "monitorSetupUrl");
  }

  @Override
  public String toString() {
    return "ConnectionValues[monitor-base-url="
        + monitorBaseUrl
        + ", monitor-url="
        + monitorUrl
        + ", monitor-user="
        + monitorUser
        + ", monitor-password and monitor-setup-url not shown]";
  }
}
