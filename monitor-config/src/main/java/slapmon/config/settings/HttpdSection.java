package slapmon.config.settings;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [httpd]} section of {@code monitor.conf}: where slapmon's own HTTPS server listens and
 * with which files (the original kept these in a separate Apache configuration).
 *
 * @param address {@code listen-address}, an IPv6 or IPv4 literal
 * @param port {@code port}
 * @param certificateFile {@code cert-file}, PEM
 * @param keyFile {@code key-file}, PEM PKCS#8
 * @param htpasswdFile {@code htpasswd-file}
 * @param corsDomains {@code cors-domains}; empty turns CORS off
 * @param accessLog {@code access-log}, the common-format access log
 */
public record HttpdSection(
    InetAddress address,
    int port,
    Path certificateFile,
    Path keyFile,
    Path htpasswdFile,
    List<String> corsDomains,
    Optional<Path> accessLog) {
  public HttpdSection {
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
    }
    Checks.absolute(certificateFile, "certificateFile");
    Checks.absolute(keyFile, "keyFile");
    Checks.absolute(htpasswdFile, "htpasswdFile");
    corsDomains = List.copyOf(corsDomains);
    accessLog.ifPresent(path -> Checks.absolute(path, "accessLog"));
  }
}
