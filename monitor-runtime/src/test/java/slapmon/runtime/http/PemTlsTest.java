package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server's TLS context from PEM files serves their certificate, for an RSA or an EC key. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class PemTlsTest {
  @TempDir Path dir;

  @Test
  void handshakesWithAnRsaKeyOverTls13And12() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      assertThat(servedCertificate(tls.certificate, tls.key, protocol))
          .isEqualTo(PemTls.certificates(tls.certificate)[0]);
    }
  }

  @Test
  void handshakesWithAnEcKeyOverTls13And12() throws Exception {
    Path certificate = dir.resolve("ec.crt");
    Path key = dir.resolve("ec.key");
    Process openssl =
        new ProcessBuilder(
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=slapmon ec",
                "-keyout", key.toString(), "-out", certificate.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).isTrue();
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      assertThat(servedCertificate(certificate, key, protocol))
          .isEqualTo(PemTls.certificates(certificate)[0]);
    }
  }

  @Test
  void offersTheKeyOnlyForItsOwnAlgorithmAndNeverAsAClient() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    OneKeyManager keys =
        new OneKeyManager(
            PemTls.privateKey(tls.key),
            new java.security.cert.X509Certificate[] {
              (java.security.cert.X509Certificate) PemTls.certificates(tls.certificate)[0]
            });
    assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isEqualTo(OneKeyManager.ALIAS);
    assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNull();
    assertThat(keys.chooseEngineServerAlias("RSASSA-PSS", null, null)).isNull();
    assertThat(keys.getPrivateKey("other")).isNull();
    assertThat(keys.chooseEngineClientAlias(new String[] {"RSA"}, null, null)).isNull();
    assertThat(keys.getClientAliases("RSA", null)).isNull();
  }

  /**
   * A start's TLS context needs neither a key store (PKCS#12 would protect the key with PBKDF2,
   * a tenth of a CPU-second) nor the JDK's trusted certificates: with both made unusable, it is
   * still made, and serves.
   */
  @Test
  void isMadeWithoutAKeyStoreNorTheJdksTrustedCertificates() throws Exception {
    TlsFixture tls = TlsFixture.create(dir);
    Path garbage = Files.writeString(dir.resolve("not-a-trust-store"), "not a key store\n");
    String[] properties = {"javax.net.ssl.trustStore", "keystore.pkcs12.keyProtectionAlgorithm"};
    String[] before = new String[properties.length];
    for (int i = 0; i < properties.length; i++) {
      before[i] = System.getProperty(properties[i]);
    }
    System.setProperty(properties[0], garbage.toString());
    System.setProperty(properties[1], "NoSuchProtection");
    SSLContext context;
    try {
      context = PemTls.context(tls.certificate, tls.key);
    } finally {
      for (int i = 0; i < properties.length; i++) {
        if (before[i] == null) {
          System.clearProperty(properties[i]);
        } else {
          System.setProperty(properties[i], before[i]);
        }
      }
    }
    assertThat(context.createSSLEngine().getSupportedCipherSuites()).isNotEmpty();
    assertThat(servedCertificate(tls.certificate, tls.key, "TLSv1.3"))
        .isEqualTo(PemTls.certificates(tls.certificate)[0]);
  }

  /** One handshake against a server socket of {@link PemTls#context}: the certificate it sent. */
  private Certificate servedCertificate(Path certificate, Path key, String protocol)
      throws Exception {
    SSLContext server = PemTls.context(certificate, key);
    try (SSLServerSocket listening =
        (SSLServerSocket) server.getServerSocketFactory()
            .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread accept = new Thread(() -> {
        try (SSLSocket peer = (SSLSocket) listening.accept()) {
          peer.startHandshake();
          OutputStream out = peer.getOutputStream();
          out.write('x');
          out.flush();
        } catch (IOException ignored) {
          // The client's assertion says what went wrong.
        }
      });
      accept.start();
      try (SSLSocket client =
          (SSLSocket) trusting(certificate).getSocketFactory()
              .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
        client.setEnabledProtocols(new String[] {protocol});
        client.setSoTimeout(60_000);
        client.startHandshake();
        InputStream in = client.getInputStream();
        assertThat(in.read()).isEqualTo('x');
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
        return client.getSession().getPeerCertificates()[0];
      } finally {
        accept.join(60_000);
      }
    }
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("server", PemTls.certificates(certificate)[0]);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    assertThat(Files.exists(certificate)).isTrue();
    return context;
  }
}
