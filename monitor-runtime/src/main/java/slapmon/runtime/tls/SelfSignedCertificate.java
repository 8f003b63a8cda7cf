package slapmon.runtime.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import slapmon.config.settings.IpLiteral;

/**
 * Makes a self-signed certificate and its key with the real {@code openssl req -x509}, as the
 * original's partition CA did with openssl: an RSA 2048 key in PKCS#8 PEM (mode 0600), a PEM
 * certificate whose subject alternative name lists IP addresses. The certificate is a server's
 * leaf, not a CA: {@code CA:FALSE}, key usage for TLS key exchange and signatures, extended key
 * usage {@code serverAuth}; our own openssl configuration, so the system's {@code openssl.cnf}
 * (whose {@code v3_ca} would make it a CA) plays no part. Both are made in a private temporary
 * folder next to the key and moved into place, so no reader sees half a pair.
 */
public final class SelfSignedCertificate {
  private static final long OPENSSL_SECONDS = 60;

  private SelfSignedCertificate() {}

  /**
   * Writes {@code certificate} and {@code key}, replacing both; {@code commonName} must be plain
   * ASCII without {@code /} or {@code =}.
   */
  public static void create(
      Path certificate, Path key, String commonName, List<InetAddress> addresses, int days)
      throws IOException, InterruptedException {
    if (!commonName.matches("[A-Za-z0-9 .:-]+")) {
      throw new IllegalArgumentException("unusable common name '" + commonName + "'");
    }
    Path work = Files.createTempDirectory(key.toAbsolutePath().getParent(), ".openssl-");
    try {
      Path newKey = work.resolve("key.pem");
      Path newCertificate = work.resolve("certificate.pem");
      Path log = work.resolve("openssl.log");
      Path config = work.resolve("openssl.cnf");
      Files.writeString(config, configuration(addresses), StandardCharsets.US_ASCII);
      run(openssl(config, newCertificate, newKey, commonName, days), log);
      Files.setPosixFilePermissions(newKey, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(newCertificate, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(newKey, key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          newCertificate,
          certificate,
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      deleteTree(work);
    }
  }

  /** A certificate this class made: when it ends, and whether it was made as an authority. */
  public record Own(Instant end, boolean authority) {}

  /**
   * The certificate in {@code file}, if it is one this class made for {@code commonName}
   * (self-signed, that subject); empty for anything else, such as the operator's own certificate.
   * Earlier versions made it {@code CA:TRUE}: {@link Own#authority} tells those apart.
   */
  public static Optional<Own> own(Path file, String commonName) {
    try (InputStream in = Files.newInputStream(file)) {
      X509Certificate certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      X500Principal subject = certificate.getSubjectX500Principal();
      boolean own =
          subject.equals(certificate.getIssuerX500Principal())
              && subject.equals(new X500Principal("CN=" + commonName));
      return own
          ? Optional.of(
              new Own(certificate.getNotAfter().toInstant(), certificate.getBasicConstraints() >= 0))
          : Optional.empty();
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** An openssl configuration with only what {@code req -x509} needs for a server's leaf. */
  static String configuration(List<InetAddress> addresses) {
    String san =
        addresses.stream()
            .map(address -> "IP:" + IpLiteral.format(address))
            .collect(Collectors.joining(","));
    return String.join(
        "\n",
        "[req]",
        "distinguished_name = subject",
        "x509_extensions = leaf",
        "default_md = sha256",
        "[subject]",
        "[leaf]",
        "basicConstraints = critical,CA:FALSE",
        "keyUsage = critical,digitalSignature,keyEncipherment",
        "extendedKeyUsage = serverAuth",
        "subjectKeyIdentifier = hash",
        "subjectAltName = " + san,
        "");
  }

  private static List<String> openssl(
      Path config, Path certificate, Path key, String commonName, int days) {
    return List.of(
        "openssl", "req", "-x509", "-config", config.toString(),
        "-newkey", "rsa:2048", "-nodes",
        "-days", Integer.toString(days),
        "-subj", "/CN=" + commonName,
        "-keyout", key.toString(),
        "-out", certificate.toString());
  }

  private static void run(List<String> command, Path log)
      throws IOException, InterruptedException {
    Process openssl;
    try {
      openssl =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
    } catch (IOException e) {
      throw new IOException(
          "cannot run openssl to make a certificate (apt-get install openssl): " + e.getMessage(),
          e);
    }
    if (!openssl.waitFor(OPENSSL_SECONDS, TimeUnit.SECONDS)) {
      openssl.destroyForcibly();
      throw new IOException("openssl did not make the certificate within " + OPENSSL_SECONDS + " s");
    }
    if (openssl.exitValue() != 0) {
      throw new IOException(
          "openssl could not make the certificate (exit " + openssl.exitValue() + "): "
              + Files.readString(log).strip());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
