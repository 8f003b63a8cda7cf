package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * Both TLS engines serve the monitor with the same policy (checked with the real curl and openssl
 * on loopback), and OpenSSL that cannot load leaves the JDK's, said once in the log. (The
 * server's own tests, MonitorServerTest and the launch ones, run on this JVM's engine: OpenSSL
 * where it loads.)
 */
@Timeout(120)
final class TlsEngineTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void each_engine_serves_https_with_tls_1_2_and_1_3_and_forward_secret_aead_only(
      TlsEngine engine) throws Exception {
    assumeOpenSslLoadsFor(engine);
    TlsFixture tls = TlsFixture.create(dir);
    Path ca = tls.certificate;
    try (MonitorServer server = serve(PemTls.context(tls.certificate, tls.key, engine))) {
      assertThat(curl(server, tls.certificate)).isEqualTo("200 {\"status\":\"OK\"}");
      assertThat(handshake(server, ca, "-tls1_3")).as("TLS 1.3").isTrue();
      assertThat(handshake(server, ca, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"))
          .as("TLS 1.2, AES-GCM").isTrue();
      assertThat(handshake(server, ca, "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"))
          .as("TLS 1.2, ChaCha20-Poly1305").isTrue();
      assertThat(handshake(server, ca, "-tls1_1")).as("TLS 1.1").isFalse();
      assertThat(handshake(server, ca, "-tls1_2", "-cipher", "AES128-GCM-SHA256"))
          .as("static RSA").isFalse();
      assertThat(handshake(server, ca, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA"))
          .as("CBC-SHA1").isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(TlsEngine.class)
  void an_ecdsa_certificate_is_served_whichever_engine_is_chosen(TlsEngine engine)
      throws Exception {
    assumeOpenSslLoadsFor(engine);
    Path certificate = dir.resolve("ec.crt");
    Path key = dir.resolve("ec.key");
    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-days", "2", "-subj", "/CN=slapmon test", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", key.toString(), "-out", certificate.toString());
    try (MonitorServer server = serve(PemTls.context(certificate, key, engine))) {
      assertThat(curl(server, certificate)).isEqualTo("200 {\"status\":\"OK\"}");
      assertThat(
              handshake(server, certificate, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"))
          .isTrue();
    }
  }

  @Test
  void jsse_chosen_by_the_setting_never_tries_openssl() {
    RecordingLogger log = new RecordingLogger();
    TlsEngine chosen =
        TlsEngine.choose(" JSSE ", () -> { throw new AssertionError("tried OpenSSL"); }, log);
    assertThat(chosen).isEqualTo(TlsEngine.JSSE);
    assertThat(log.lines).isEmpty();
  }

  @Test
  void openssl_is_chosen_when_it_loads() {
    RecordingLogger log = new RecordingLogger();
    assertThat(TlsEngine.choose("", Optional::empty, log)).isEqualTo(TlsEngine.OPENSSL);
    assertThat(log.lines).isEmpty();
  }

  @Test
  void the_system_libssl_is_looked_for_only_when_java_library_path_has_none() throws Exception {
    Path jdkFolder = Files.createDirectories(dir.resolve("jdk"));
    Path multiarch = Files.createDirectories(dir.resolve("x86_64-linux-gnu"));
    Path lib64 = Files.createDirectories(dir.resolve("lib64"));
    Files.writeString(multiarch.resolve("libssl.so.3"), "");
    Files.writeString(lib64.resolve("libssl.so.1.1"), "");
    assertThat(TlsEngine.libsslFolder(List.of(jdkFolder), List.of(multiarch, lib64)))
        .contains(multiarch);
    Files.writeString(jdkFolder.resolve("libssl.so"), "");
    assertThat(TlsEngine.libsslFolder(List.of(jdkFolder), List.of(multiarch, lib64))).isEmpty();
    assertThat(TlsEngine.libsslFolder(List.of(), List.of(jdkFolder.resolve("none")))).isEmpty();
  }

  @Test
  void openssl_that_cannot_load_leaves_jsse_saying_why() {
    RecordingLogger log = new RecordingLogger();
    TlsEngine chosen = TlsEngine.choose("", () -> Optional.of("no \"libssl\" in /x"), log);
    assertThat(chosen).isEqualTo(TlsEngine.JSSE);
    assertThat(log.lines).singleElement().asString()
        .startsWith("WARNING event=tls-engine engine=jsse"
            + " reason=\"OpenSSL did not load: no 'libssl' in /x\"");
  }

  @Test
  void openssl_that_cannot_load_leaves_jsse_and_one_log_line_in_a_real_jvm() throws Exception {
    // No libssl in an empty folder: what a machine without OpenSSL 1.1 or 3 looks like to it.
    Path empty = Files.createDirectories(dir.resolve("no-openssl"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    TlsFixture tls = TlsFixture.create(dir);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.wildfly.openssl.path=" + empty,
        "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"),
        Probe.class.getName(), tls.certificate.toString(), tls.key.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("engine=JSSE protocol=TLS");
    assertThat(output.lines().filter(l -> l.contains("event=tls-engine engine=jsse")))
        .as(output).hasSize(1);
    try (var left = Files.list(tmp)) {
      assertThat(left).as("the native glue's copy, removed once tried").isEmpty();
    }
  }

  @Test
  void choosing_openssl_never_reads_the_jdks_trusted_certificates_in_a_real_jvm()
      throws Exception {
    assumeOpenSslLoadsFor(TlsEngine.OPENSSL);
    // A trust store that cannot be read: reading it, a tenth of a second of every start under
    // C1, would fail the probe of OpenSSL and leave the JDK's TLS.
    Path garbage = Files.writeString(dir.resolve("not-a-trust-store"), "not a key store\n");
    TlsFixture tls = TlsFixture.create(dir);
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djavax.net.ssl.trustStore=" + garbage,
        // As under Temurin: no libssl on the library path, so the system's folder is looked up.
        "-Djava.library.path=" + Files.createDirectories(dir.resolve("no-libraries")),
        "-cp", System.getProperty("java.class.path"),
        Probe.class.getName(), tls.certificate.toString(), tls.key.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("engine=OPENSSL");
    assertThat(output)
        .as("the system folder it found is not left as if an operator had named it")
        .contains("folder-property=null");
  }

  /** Makes two contexts the way the server and the certificate reload do; says what it got. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      PemTls.context(Path.of(args[0]), Path.of(args[1]));
      System.out.println("engine=" + TlsEngine.current()
          + " protocol=" + PemTls.context(Path.of(args[0]), Path.of(args[1])).getProtocol()
          + " folder-property=" + System.getProperty(TlsEngine.OPENSSL_PATH));
    }
  }

  private static void assumeOpenSslLoadsFor(TlsEngine engine) {
    if (engine == TlsEngine.OPENSSL) {
      assumeThat(TlsEngine.current()).as("OpenSSL loads on this machine")
          .isEqualTo(TlsEngine.OPENSSL);
    }
  }

  private MonitorServer serve(javax.net.ssl.SSLContext context) throws IOException {
    Path publicFolder = Files.createDirectories(dir.resolve("public"));
    Path privateFolder = Files.createDirectories(dir.resolve("private"));
    Files.writeString(publicFolder.resolve("p.status.json"), "{\"status\":\"OK\"}");
    HttpHandler refuseAll = exchange -> exchange.setStatusCode(401);
    return MonitorServer.start(
        new ServerSettings(InetAddress.getByName("127.0.0.1"), 0, context, publicFolder,
            privateFolder, List.of(publicFolder, privateFolder), () -> new CorsPolicy(List.of()),
            Optional.empty(), ConnectionLimits.forThisProcess()),
        next -> refuseAll, refuseAll, () -> new byte[0]);
  }

  private static String curl(MonitorServer server, Path certificate) throws Exception {
    return run("curl", "-s", "-w", " %{http_code}", "--cacert", certificate.toString(),
        "https://127.0.0.1:" + server.port() + "/public/p.status.json")
        .transform(out -> out.substring(out.lastIndexOf(' ') + 1) + " "
            + out.substring(0, out.lastIndexOf(' ')));
  }

  private static boolean handshake(MonitorServer server, Path certificate, String... options)
      throws Exception {
    List<String> command = new ArrayList<>(
        List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port()));
    command.addAll(List.of(options));
    command.addAll(List.of("-CAfile", certificate.toString(), "-verify_return_error"));
    Process openssl = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return openssl.exitValue() == 0 && out.contains("Verify return code: 0 (ok)");
  }

  private static String run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }

  private static final class RecordingLogger implements System.Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      lines.add(level + " " + message);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + format);
    }
  }
}
