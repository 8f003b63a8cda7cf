package slapmon.runtime.http;

import java.lang.System.Logger.Level;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.wildfly.openssl.OpenSSLProvider;

/**
 * What encrypts the server's connections: OpenSSL (the system's libssl, through wildfly-openssl's
 * JNI glue) when it loads, else the JDK's own TLS. Under the service wrapper's C1-only JIT the JDK
 * runs AES-GCM and RSA as plain Java, 3-5 times Apache's CPU per request on large bodies
 * (docs/benchmarks.md, "Issue 19, tls19"). The system property {@value #PROPERTY}{@code =jsse}
 * forces the JDK's; {@code org.wildfly.openssl.path} names the folder holding libssl and
 * libcrypto when they are not in the system's library folders.
 */
public enum TlsEngine {
  OPENSSL("openssl.TLS"),
  JSSE("TLS");

  public static final String PROPERTY = "slapmon.tls.engine";
  private static final System.Logger LOG = System.getLogger("slapmon.http");
  private static volatile TlsEngine chosen;

  private final String protocol;

  TlsEngine(String protocol) {
    this.protocol = protocol;
  }

  /** The engine of this JVM, chosen (and said why in the log, once) on first use. */
  public static TlsEngine current() {
    TlsEngine engine = chosen;
    if (engine == null) {
      synchronized (TlsEngine.class) {
        if (chosen == null) {
          chosen = choose(System.getProperty(PROPERTY, ""), TlsEngine::loadOpenSsl, LOG);
        }
        engine = chosen;
      }
    }
    return engine;
  }

  /**
   * {@code setting} "jsse" gives the JDK's; anything else OpenSSL unless {@code openSsl} tells why
   * it cannot load, which the log says before falling back.
   */
  static TlsEngine choose(String setting, Supplier<Optional<String>> openSsl, System.Logger log) {
    if (setting.trim().toLowerCase(Locale.ROOT).equals("jsse")) {
      return JSSE;
    }
    Optional<String> failure = openSsl.get();
    if (failure.isPresent()) {
      log.log(Level.WARNING, "event=tls-engine engine=jsse reason=\"OpenSSL did not load: "
          + failure.get().replace('"', '\'') + "\" (set -D" + PROPERTY + "=jsse to choose the JDK's TLS quietly)");
      return JSSE;
    }
    return OPENSSL;
  }

  /** A fresh, uninitialised context of this engine. */
  public SSLContext newContext() throws NoSuchAlgorithmException {
    return SSLContext.getInstance(protocol);
  }

  /**
   * The engine that serves {@code key}: wildfly-openssl installs RSA keys only, so an EC or
   * Ed25519 key (an operator's own certificate) is served by the JDK's TLS, said in the log.
   */
  TlsEngine serving(PrivateKey key) {
    if (this == OPENSSL && !(key instanceof RSAPrivateKey)) {
      LOG.log(Level.INFO, "event=tls-engine engine=jsse reason=\"a " + key.getAlgorithm()
          + " key: the OpenSSL engine takes RSA keys only\"");
      return JSSE;
    }
    return this;
  }

  /** Whether {@code context} runs on OpenSSL (its AES-GCM uses the CPU's instructions). */
  static boolean isOpenSsl(SSLContext context) {
    return context.getProtocol().equals(OPENSSL.protocol);
  }

  private static Optional<String> loadOpenSsl() {
    try {
      OpenSSLProvider.register();
      // The first context loads libwfssl (from the jar), then libssl and libcrypto.
      SSLContext.getInstance(OPENSSL.protocol).init(null, null, null);
      return Optional.empty();
    } catch (LinkageError | Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return Optional.of(String.valueOf(cause.getMessage()));
    }
  }
}
