package slapmon.templates;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The self-signed TLS certificate the HTTPS server needs, described rather than made (making a key
 * is not pure): the runtime creates the pair when either file is missing, and makes it again when
 * the certificate is its own (self-signed, this common name) and nears its end.
 *
 * @param certificate where the PEM certificate goes
 * @param key where the PKCS#8 PEM private key goes, mode 0600
 * @param commonName the subject's CN, plain ASCII
 * @param addresses the IP addresses of the subject alternative name, the server's first
 * @param validityDays how long the certificate is valid from its creation
 */
public record CertificateRequest(
    Path certificate, Path key, String commonName, List<InetAddress> addresses, int validityDays) {
  public CertificateRequest {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(commonName, "commonName");
    if (!commonName.matches("[A-Za-z0-9 .:-]+")) {
      throw new IllegalArgumentException(
          "commonName must be letters, digits, space, '.', ':' or '-', got '" + commonName + "'");
    }
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one address");
    }
    if (validityDays < 1) {
      throw new IllegalArgumentException("validityDays must be positive, got " + validityDays);
    }
  }
}
