package slapmon.runtime.http;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.xnio.Sequence;

/**
 * The cipher suites the server offers: TLS 1.3's, and for TLS 1.2 only those with an ephemeral key
 * exchange (ECDHE, DHE) and an AEAD cipher (GCM, ChaCha20-Poly1305). Static RSA has no forward
 * secrecy, and CBC with SHA-1 is the construction of the padding-oracle attacks.
 *
 * <p>Their order is the JDK's, except in a JVM without its optimizing compiler (the service
 * wrapper's {@code -XX:TieredStopAtLevel=1}): there AES-GCM runs as plain Java, without the
 * AES-NI and carry-less multiply intrinsics that only C2 has, and ChaCha20-Poly1305 encrypts about
 * twice as fast (docs/benchmarks.md, "HTTPS, issue 19"), so it comes first. OpenSSL's AES-GCM
 * ({@link TlsEngine}) uses those instructions whatever the JIT: its order is kept.
 */
final class TlsSuites {
  private TlsSuites() {}

  /** The suites of {@code context} that the server enables, fastest first for this JVM. */
  static Sequence<String> of(SSLContext context) {
    return Sequence.of(of(context,
        TlsEngine.isOpenSsl(context) || JitLevel.optimizing(ProcessHandle.current().info())));
  }

  static List<String> of(SSLContext context, boolean optimizingCompiler) {
    List<String> suites = Arrays.stream(context.getSupportedSSLParameters().getCipherSuites())
        .filter(TlsSuites::allowed)
        .toList();
    return optimizingCompiler
        ? suites
        : suites.stream().sorted(Comparator.comparing(s -> !s.contains("_CHACHA20_"))).toList();
  }

  static boolean allowed(String suite) {
    // OpenSSL's names as wildfly-openssl gives them lack the JDK's "_SHA256" after ChaCha20's.
    boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305");
    if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
      return aead; // TLS 1.3: always ephemeral; the JDK's three (not OpenSSL's CCM ones)
    }
    boolean ephemeral = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
    return ephemeral && aead;
  }
}
