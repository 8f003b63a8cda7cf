package slapmon.runtime.http;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * Where and how the monitor's HTTPS server listens and what it serves.
 *
 * @param port 0 picks a free port (tests)
 * @param allowedRoots where symlinks may lead: the published folders and the path-list targets
 * @param cors read on every request, so it can change without a restart
 * @param accessLog the common-format access log, if any
 * @param limits how many connections at once and how long a stalled client is waited for
 */
public record ServerSettings(
    InetAddress address,
    int port,
    SSLContext tls,
    Path publicFolder,
    Path privateFolder,
    List<Path> allowedRoots,
    Supplier<CorsPolicy> cors,
    Optional<Path> accessLog,
    ConnectionLimits limits) {
  public ServerSettings {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(publicFolder, "publicFolder");
    Objects.requireNonNull(privateFolder, "privateFolder");
    allowedRoots = List.copyOf(allowedRoots);
    Objects.requireNonNull(cors, "cors");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(limits, "limits");
  }
}
