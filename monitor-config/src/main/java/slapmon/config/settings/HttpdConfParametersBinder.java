package slapmon.config.settings;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Binds {@code [monitor-httpd-conf-parameter]}. The section and each option are optional: the
 * address and port default to {@code monitor-httpd-ipv6} and {@code monitor-httpd-port}, {@code
 * url} to {@code https://[address]:port}, and the files to the original layout under the partition
 * ({@code $P/srv/ssl/certs/httpd.crt}, {@code $P/etc/monitor-htpasswd}, …).
 */
final class HttpdConfParametersBinder {
  static final String SECTION = "monitor-httpd-conf-parameter";
  static final String INCLUDE_FILE = "httpd-include-file";

  private HttpdConfParametersBinder() {}

  static Optional<HttpdConfParameters> bind(
      SectionReader in, Optional<InstanceParameters> instance, PartitionRoot root) {
    Optional<InetAddress> ip =
        in.withDefault(
            "listening-ip", Parsers.ADDRESS, () -> instance.map(InstanceParameters::httpdAddress));
    Optional<Integer> port =
        in.withDefault(
            "port", Parsers.PORT_NUMBER, () -> instance.map(InstanceParameters::httpdPort));
    Optional<URI> url =
        in.withDefault(
            "url",
            Parsers.BASE,
            () ->
                ip.flatMap(
                    address -> port.map(number -> HttpdConfParameters.urlOf(address, number))));
    Optional<Path> cert = file(in, "cert-file", "srv/ssl/certs/httpd.crt", root);
    Optional<Path> key = file(in, "key-file", "srv/ssl/certs/httpd.key", root);
    Optional<Path> htpasswd = file(in, "htpasswd-file", "etc/monitor-htpasswd", root);
    Optional<Path> cors = file(in, "httpd-cors-config-file", "etc/httpd-cors.cfg", root);
    Optional<Path> pid = file(in, "pid-file", "var/run/monitor-httpd.pid", root);
    Optional<Path> access =
        file(in, "access-log", "var/log/monitor/monitor-httpd-access.log", root);
    Optional<Path> error = file(in, "error-log", "var/log/monitor/monitor-httpd-error.log", root);
    Optional<Path> include = in.optional(INCLUDE_FILE, Parsers.ABSOLUTE_PATH);
    include.ifPresent(
        file ->
            in.warning(
                in.value(INCLUDE_FILE).orElseThrow().location(),
                INCLUDE_FILE,
                "an Apache configuration the original monitor's httpd included; slapmon runs no"
                    + " Apache and does not read " + file + ": what it configures (an Alias...)"
                    + " is not served by the monitor"));
    in.warnUnknown();
    if (in.failed()
        || !SectionReader.allPresent(
            ip, port, url, cert, key, htpasswd, cors, pid, access, error)) {
      return Optional.empty();
    }
    return Optional.of(
        new HttpdConfParameters(
            ip.get(),
            port.get(),
            url.get(),
            cert.get(),
            key.get(),
            htpasswd.get(),
            cors.get(),
            pid.get(),
            access.get(),
            error.get(),
            include));
  }

  private static Optional<Path> file(
      SectionReader in, String key, String underPartition, PartitionRoot root) {
    return in.withDefault(
        key, Parsers.ABSOLUTE_PATH, () -> root.map(partition -> partition.resolve(underPartition)));
  }
}
