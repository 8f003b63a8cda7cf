package slapmon.runtime.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The server's TLS identity from the partition's PEM files: a certificate chain and a PKCS#8
 * private key (RSA or EC, as {@code openssl} 3 writes them). Errors name the file.
 */
public final class PemTls {
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private PemTls() {}

  /** The context of this JVM's engine ({@link TlsEngine#current()}). */
  public static SSLContext context(Path certificateFile, Path keyFile) throws IOException {
    return context(certificateFile, keyFile, TlsEngine.current());
  }

  public static SSLContext context(Path certificateFile, Path keyFile, TlsEngine engine)
      throws IOException {
    Certificate[] chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    try {
      SSLContext context = engine.serving(key).newContext();
      context.init(
          new KeyManager[] {new OneKeyManager(key, x509(chain, certificateFile))},
          new TrustManager[] {new NoClientCertificates()},
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          keyFile + " and " + certificateFile + ": the key does not fit the certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate[] x509(Certificate[] chain, Path file) throws IOException {
    X509Certificate[] x509 = new X509Certificate[chain.length];
    for (int i = 0; i < chain.length; i++) {
      if (!(chain[i] instanceof X509Certificate certificate)) {
        throw new IOException(file + ": not an X.509 certificate");
      }
      x509[i] = certificate;
    }
    return x509;
  }

  static Certificate[] certificates(Path file) throws IOException {
    try {
      Collection<? extends Certificate> chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
      if (chain.isEmpty()) {
        throw new IOException(file + ": no certificate found; expected a PEM certificate");
      }
      return chain.toArray(new Certificate[0]);
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not a PEM certificate: " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(Path file) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = pem.indexOf(PKCS8_BEGIN);
    int end = pem.indexOf(PKCS8_END);
    if (begin < 0 || end < begin) {
      throw new IOException(
          file + ": expected a PKCS#8 private key ('" + PKCS8_BEGIN + "'), as openssl 3 writes;"
              + " convert an older key with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
    }
    byte[] der =
        Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException tryNext) {
        // The PKCS#8 wrapper names the algorithm, but KeyFactory wants it given: try each.
      }
    }
    throw new IOException(file + ": the private key is neither RSA, EC nor Ed25519");
  }
}
