package slapmon.runtime.http;

import java.util.Arrays;
import javax.net.ssl.SSLContext;
import org.xnio.Sequence;

/**
 * The cipher suites the server offers: TLS 1.3's, and for TLS 1.2 only those with an ephemeral key
 * exchange (ECDHE, DHE) and an AEAD cipher (GCM, ChaCha20-Poly1305). Static RSA has no forward
 * secrecy, and CBC with SHA-1 is the construction of the padding-oracle attacks.
 */
final class TlsSuites {
  private TlsSuites() {}

  /** The suites of {@code context} that the server enables, in the JDK's order of preference. */
  static Sequence<String> of(SSLContext context) {
    return Sequence.of(
        Arrays.stream(context.getSupportedSSLParameters().getCipherSuites())
            .filter(TlsSuites::allowed)
            .toList());
  }

  static boolean allowed(String suite) {
    if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
      return true; // TLS 1.3: always ephemeral, always AEAD
    }
    boolean ephemeral = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
    boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
    return ephemeral && aead;
  }
}
