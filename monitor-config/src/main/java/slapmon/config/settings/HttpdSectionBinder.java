package slapmon.config.settings;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@code [httpd]} of {@code monitor.conf}, an optional section (without it the runtime serves
 * nothing over HTTP); when present, everything but {@code cors-domains} and {@code access-log} is
 * required; unknown keys are warnings.
 */
final class HttpdSectionBinder {
  static final String SECTION = "httpd";

  private HttpdSectionBinder() {}

  static Optional<HttpdSection> bind(SectionReader in) {
    if (!in.present()) {
      return Optional.empty();
    }
    Optional<InetAddress> address =
        in.required("listen-address", Parsers.ADDRESS, "an IPv6 or IPv4 address literal");
    Optional<Integer> port = in.required("port", Parsers.PORT_NUMBER, Parsers.PORT);
    Optional<Path> certificate =
        in.required("cert-file", Parsers.ABSOLUTE_PATH, Parsers.PATH + " to a PEM certificate");
    Optional<Path> key =
        in.required("key-file", Parsers.ABSOLUTE_PATH, Parsers.PATH + " to a PEM private key");
    Optional<Path> htpasswd =
        in.required("htpasswd-file", Parsers.ABSOLUTE_PATH, Parsers.PATH + " to an htpasswd file");
    List<String> cors = in.list("cors-domains", Parsers.DOMAIN_NAME).orElse(List.of());
    Optional<Path> accessLog = in.optional("access-log", Parsers.ABSOLUTE_PATH);
    in.warnUnknown();
    if (address.isEmpty() || port.isEmpty() || certificate.isEmpty() || key.isEmpty()
        || htpasswd.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new HttpdSection(
            address.get(), port.get(), certificate.get(), key.get(), htpasswd.get(), cors, accessLog));
  }
}
