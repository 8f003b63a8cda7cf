package slapmon.runtime.opml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1} made by the JDK's real {@code keytool} in a test
 * folder: a PKCS12 key store for the server and the certificate as PEM for the client to trust. The
 * password only ever travels in a file ({@code -storepass:file}), never on a command line.
 */
public final class TestCertificate {
  private static final String ALIAS = "submonitor";

  private final Path keyStore;
  private final Path passwordFile;
  private final Path pem;

  private TestCertificate(Path keyStore, Path passwordFile, Path pem) {
    this.keyStore = keyStore;
    this.passwordFile = passwordFile;
    this.pem = pem;
  }

  public static TestCertificate generate(Path dir) throws Exception {
    Path passwordFile = dir.resolve("storepass");
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    Files.writeString(passwordFile, HexFormat.of().formatHex(secret));
    Path keyStore = dir.resolve("submonitor.p12");
    Path pem = dir.resolve("submonitor.pem");
    keytool(
        "-genkeypair",
        "-alias",
        ALIAS,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass:file",
        passwordFile.toString());
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        ALIAS,
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass:file",
        passwordFile.toString(),
        "-file",
        pem.toString());
    return new TestCertificate(keyStore, passwordFile, pem);
  }

  private static void keytool(String... arguments) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], output).isZero();
  }

  /** The certificate, PEM: what the client is told to trust. */
  public Path pem() {
    return pem;
  }

  public SSLContext serverContext() throws Exception {
    char[] password = Files.readString(passwordFile).strip().toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
