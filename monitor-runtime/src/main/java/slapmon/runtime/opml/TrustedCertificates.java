package slapmon.runtime.opml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the TLS context of the title fetch: the JDK's default trust store, plus the certificates
 * of an optional PEM file (the partition CA, or a sub-monitor's own certificate).
 */
public final class TrustedCertificates {
  private TrustedCertificates() {}

  /**
   * @throws IOException naming the file when it cannot be read or holds no certificate
   */
  public static SSLContext sslContext(Optional<Path> extraPem) throws IOException {
    try {
      TrustManagerFactory defaults = factory(null);
      if (extraPem.isEmpty()) {
        return context(defaults.getTrustManagers());
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (X509TrustManager manager : x509(defaults.getTrustManagers())) {
        for (X509Certificate anchor : manager.getAcceptedIssuers()) {
          store.setCertificateEntry("jdk-" + index++, anchor);
        }
      }
      for (Certificate certificate : read(extraPem.get())) {
        store.setCertificateEntry("extra-" + index++, certificate);
      }
      return context(factory(store).getTrustManagers());
    } catch (GeneralSecurityException e) {
      String what = extraPem.map(path -> path + ": ").orElse("the JDK default trust store: ");
      throw new IOException(what + "cannot build the TLS trust: " + e.getMessage(), e);
    }
  }

  /**
   * Checks what {@link #sslContext} would read of {@code extraPem}, without building anything.
   *
   * @throws IOException as {@link #sslContext} does for the file
   */
  static void requireCertificates(Optional<Path> extraPem) throws IOException {
    if (extraPem.isPresent()) {
      try {
        read(extraPem.get());
      } catch (GeneralSecurityException e) {
        throw new IOException(extraPem.get() + ": cannot build the TLS trust: " + e.getMessage(), e);
      }
    }
  }

  private static Collection<? extends Certificate> read(Path pem)
      throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pem)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IOException(pem + ": could not read file: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IOException(pem + ": expected PEM certificates: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(pem + ": expected PEM certificates, found none");
    }
    return certificates;
  }

  private static TrustManagerFactory factory(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  private static List<X509TrustManager> x509(TrustManager[] managers) {
    List<X509TrustManager> found = new ArrayList<>();
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        found.add(x509);
      }
    }
    return found;
  }

  private static SSLContext context(TrustManager[] managers) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, managers, null);
    return context;
  }
}
