package slapmon.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
final class SelfSignedCertificateTest {
  @TempDir Path dir;

  private record Result(int exitCode, String output) {}

  private static Result openssl(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void makes_a_server_leaf_not_a_ca() throws Exception {
    Path certificate = dir.resolve("httpd.crt");
    Path key = dir.resolve("httpd.key");
    SelfSignedCertificate.create(
        certificate,
        key,
        "slapmon 127.0.0.1",
        List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")),
        30);

    String text = openssl("x509", "-in", certificate.toString(), "-noout", "-text").output();
    assertThat(text)
        .containsSubsequence("X509v3 Basic Constraints: critical", "CA:FALSE")
        .containsSubsequence("X509v3 Key Usage: critical", "Digital Signature, Key Encipherment")
        .containsSubsequence("X509v3 Extended Key Usage:", "TLS Web Server Authentication")
        .containsSubsequence(
            "X509v3 Subject Alternative Name:",
            "IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1")
        .contains("Subject: CN = slapmon 127.0.0.1", "sha256WithRSAEncryption")
        .doesNotContain("CA:TRUE", "Certificate Sign");
    assertThat(openssl("verify", "-CAfile", certificate.toString(), certificate.toString()))
        .as("its own trust anchor, as the HTTPS promise's curl --cacert uses it")
        .isEqualTo(new Result(0, certificate + ": OK\n"));
    String days29 = Long.toString(TimeUnit.DAYS.toSeconds(29));
    String days31 = Long.toString(TimeUnit.DAYS.toSeconds(31));
    assertThat(openssl("x509", "-in", certificate.toString(), "-noout", "-checkend", days29)
            .exitCode())
        .isZero();
    assertThat(openssl("x509", "-in", certificate.toString(), "-noout", "-checkend", days31)
            .exitCode())
        .isNotZero();
  }

  @Test
  void knows_the_end_of_its_own_certificates_only() throws Exception {
    Path certificate = dir.resolve("httpd.crt");
    List<InetAddress> loopback = List.of(InetAddress.getByName("127.0.0.1"));
    SelfSignedCertificate.create(certificate, dir.resolve("k"), "slapmon 127.0.0.1", loopback, 30);

    assertThat(SelfSignedCertificate.own(certificate, "slapmon 127.0.0.1"))
        .hasValueSatisfying(own -> assertThat(own.authority()).isFalse());
    assertThat(SelfSignedCertificate.own(certificate, "slapmon 10.0.0.1")).isEmpty();
    assertThat(SelfSignedCertificate.own(dir.resolve("k"), "slapmon 127.0.0.1")).isEmpty();
    assertThat(SelfSignedCertificate.own(dir.resolve("none"), "slapmon 127.0.0.1")).isEmpty();
  }

  @Test
  void tells_the_authorities_earlier_versions_made() throws Exception {
    // What earlier versions made: openssl req -x509 with the system's configuration (v3_ca).
    Path certificate = dir.resolve("old.crt");
    Result made =
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
            dir.resolve("old.key").toString(), "-out", certificate.toString(), "-days", "3650",
            "-subj", "/CN=slapmon 127.0.0.1", "-addext", "basicConstraints=critical,CA:TRUE");
    assertThat(made.exitCode()).as(made.toString()).isZero();

    assertThat(SelfSignedCertificate.own(certificate, "slapmon 127.0.0.1"))
        .hasValueSatisfying(own -> assertThat(own.authority()).isTrue());
  }
}
