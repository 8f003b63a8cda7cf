package slapmon.runtime.http;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.wildfly.openssl.OpenSSLProvider;
import slapmon.templates.Launcher;

/**
 * What encrypts the server's connections: OpenSSL (the system's libssl, through wildfly-openssl's
 * JNI glue) when it loads, else the JDK's own TLS. Under the service wrapper's C1-only JIT the JDK
 * runs AES-GCM and RSA as plain Java, 3-5 times Apache's CPU per request on large bodies
 * (docs/benchmarks.md, "Issue 19, tls19"). The system property {@value #PROPERTY}{@code =jsse}
 * forces the JDK's; {@code -Dorg.wildfly.openssl.path=FOLDER} names the folder of libssl and
 * libcrypto (1.1 or 3) to use, such as a software release's own openssl; without it, the folders
 * of java.library.path, then the system's ({@link #libsslFolder}).
 */
public enum TlsEngine {
  OPENSSL("openssl.TLS"),
  JSSE("TLS");

  public static final String PROPERTY = "slapmon.tls.engine";
  /** wildfly-openssl's: the folder of libssl and libcrypto (else it searches java.library.path). */
  static final String OPENSSL_PATH = Launcher.OPENSSL_FOLDER_PROPERTY;
  /** wildfly-openssl's: its JNI glue, libwfssl.so (else it copies the jar's into java.io.tmpdir). */
  private static final String GLUE_PATH = "org.wildfly.openssl.libwfssl.path";
  private static final System.Logger LOG = System.getLogger("slapmon.http");
  private static final List<String> LIBSSL_NAMES =
      List.of("libssl.so", "libssl.so.3", "libssl.so.1.1");
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
          + failure.get().replace('"', '\'') + "\" (-D" + PROPERTY + "=jsse chooses it quietly)");
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
    Optional<Path> found = Optional.empty();
    if (System.getProperty(OPENSSL_PATH) == null) {
      found = libsslFolder(folders(System.getProperty("java.library.path")), systemFolders());
      found.ifPresent(folder -> System.setProperty(OPENSSL_PATH, folder.toString()));
    }
    Path glue = null;
    try {
      if (System.getProperty(GLUE_PATH) == null) {
        glue = extractGlue();
        System.setProperty(GLUE_PATH, glue.toString());
      }
      OpenSSLProvider.register();
      // The first context loads libwfssl, then libssl and libcrypto. Given no trust manager,
      // wildfly-openssl would build the default one: the JDK's trusted certificates parsed, a
      // tenth of a second of every start.
      SSLContext.getInstance(OPENSSL.protocol)
          .init(null, new TrustManager[] {new NoClientCertificates()}, null);
      return Optional.empty();
    } catch (LinkageError | Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return Optional.of(cause.getMessage() != null ? cause.getMessage() : cause.toString());
    } finally {
      if (glue != null) {
        deleteQuietly(glue); // loaded (or not): its mapping stays, no file is left behind
        deleteQuietly(glue.getParent());
      }
      if (found.isPresent()) {
        // Read only while loading. Left set, it would look like an operator's choice to a render
        // in this JVM, which passes that choice on to the wrappers (OwnLauncher).
        System.clearProperty(OPENSSL_PATH);
      }
    }
  }

  /**
   * The jar's libwfssl.so, copied into a private temporary folder: wildfly-openssl's own copy
   * leaves a folder in java.io.tmpdir at every start.
   */
  private static Path extractGlue() throws IOException {
    String resource = "/linux-" + machine() + "/libwfssl.so";
    try (InputStream in = OpenSSLProvider.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no " + resource + " in the jar for this machine");
      }
      Path file = Files.createTempDirectory("slapmon-wfssl-").resolve("libwfssl.so");
      Files.copy(in, file);
      return file;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // java.io.tmpdir is cleaned by the system; nothing depends on this file once loaded
    }
  }

  /**
   * Where the system's libssl is when none of the {@code searched} folders (java.library.path)
   * holds one: Temurin's, unlike Debian's OpenJDK, names no multiarch folder such as
   * /usr/lib/x86_64-linux-gnu. Empty when a searched folder has it, or no candidate does.
   */
  static Optional<Path> libsslFolder(List<Path> searched, List<Path> candidates) {
    if (searched.stream().anyMatch(TlsEngine::holdsLibssl)) {
      return Optional.empty();
    }
    return candidates.stream().filter(TlsEngine::holdsLibssl).findFirst();
  }

  private static boolean holdsLibssl(Path folder) {
    return LIBSSL_NAMES.stream().anyMatch(name -> Files.isRegularFile(folder.resolve(name)));
  }

  private static List<Path> folders(String pathList) {
    return pathList == null
        ? List.of()
        : Arrays.stream(pathList.split(File.pathSeparator)).filter(p -> !p.isEmpty()).map(Path::of)
            .toList();
  }

  private static List<Path> systemFolders() {
    String multiarch = machine() + "-linux-gnu";
    return List.of(
        Path.of("/usr/lib", multiarch), Path.of("/lib", multiarch), Path.of("/usr/lib64"));
  }

  /** The machine's name as native folders spell it (the JVM says amd64 for x86_64). */
  private static String machine() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("amd64") ? "x86_64" : arch;
  }
}
