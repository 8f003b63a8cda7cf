package slapmon.runtime.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA and the certificates it signs for 127.0.0.1, made by the real openssl: the CA file a
 * fleet's Prometheus (and a root monitor) trusts instead of each self-signed certificate.
 */
final class FleetCertificates {
  final Path folder;
  final Path caFile;
  private final Path caKey;

  private FleetCertificates(Path folder) {
    this.folder = folder;
    this.caFile = folder.resolve("ca.crt");
    this.caKey = folder.resolve("ca.key");
  }

  record Issued(Path certificate, Path key) {}

  static FleetCertificates create(Path folder) throws IOException, InterruptedException {
    FleetCertificates ca = new FleetCertificates(Files.createDirectories(folder));
    ca.openssl("ca", List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=slapmon test CA", "-keyout", ca.caKey.toString(),
        "-out", ca.caFile.toString()));
    return ca;
  }

  /** A server certificate for 127.0.0.1 signed by the CA. */
  Issued issue(String name) throws IOException, InterruptedException {
    Path key = folder.resolve(name + ".key");
    Path request = folder.resolve(name + ".csr");
    Path certificate = folder.resolve(name + ".crt");
    Path extensions = folder.resolve(name + ".ext");
    Files.writeString(extensions, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    openssl(name, List.of("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", key.toString(), "-out", request.toString()));
    openssl(name, List.of("x509", "-req", "-in", request.toString(), "-CA", caFile.toString(),
        "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "2",
        "-extfile", extensions.toString(), "-out", certificate.toString()));
    return new Issued(certificate, key);
  }

  /**
   * A self-signed certificate for 127.0.0.1, signed by no CA: what a monitor's own render makes.
   */
  Issued selfSigned(String name) throws IOException, InterruptedException {
    Path key = folder.resolve(name + ".key");
    Path certificate = folder.resolve(name + ".crt");
    openssl(name, List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", key.toString(), "-out", certificate.toString()));
    return new Issued(certificate, key);
  }

  /** A TLS context that trusts only the CA, for a test's own HTTPS client. */
  SSLContext clientContext() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private void openssl(String name, List<String> arguments)
      throws IOException, InterruptedException {
    Path log = folder.resolve(name + ".openssl.log");
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(arguments);
    Process openssl =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      throw new IOException("openssl " + arguments.get(0) + " failed: " + Files.readString(log));
    }
  }
}
