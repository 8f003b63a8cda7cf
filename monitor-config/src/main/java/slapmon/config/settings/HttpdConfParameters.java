package slapmon.config.settings;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [monitor-httpd-conf-parameter]}, where and how the HTTPS server listens, one component per
 * option; {@code url} is {@code https://[address]:port} unless the profile says otherwise.
 *
 * @param listeningIp {@code listening-ip}, a literal address
 * @param port {@code port}
 * @param url {@code url}, the server's own URL, without trailing slash
 * @param certFile {@code cert-file}
 * @param keyFile {@code key-file}
 * @param htpasswdFile {@code htpasswd-file}
 * @param corsConfigFile {@code httpd-cors-config-file}
 * @param pidFile {@code pid-file}
 * @param accessLog {@code access-log}
 * @param errorLog {@code error-log}
 * @param includeFile {@code httpd-include-file}, an extra Apache include (legacy, optional)
 */
public record HttpdConfParameters(
    InetAddress listeningIp,
    int port,
    URI url,
    Path certFile,
    Path keyFile,
    Path htpasswdFile,
    Path corsConfigFile,
    Path pidFile,
    Path accessLog,
    Path errorLog,
    Optional<Path> includeFile) {

  public HttpdConfParameters {
    Objects.requireNonNull(listeningIp, "listeningIp");
    Checks.port(port, "port");
    Checks.baseUrl(url, "url");
    Checks.absolute(certFile, "certFile");
    Checks.absolute(keyFile, "keyFile");
    Checks.absolute(htpasswdFile, "htpasswdFile");
    Checks.absolute(corsConfigFile, "corsConfigFile");
    Checks.absolute(pidFile, "pidFile");
    Checks.absolute(accessLog, "accessLog");
    Checks.absolute(errorLog, "errorLog");
    includeFile.ifPresent(file -> Checks.absolute(file, "includeFile"));
  }

  /**
   * {@code https://[ipv6]:port} or {@code https://ipv4:port}, as the original template builds it.
   */
  public static URI urlOf(InetAddress address, int port) {
    String host = IpLiteral.format(address);
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create("https://" + host + ":" + port);
  }
}
