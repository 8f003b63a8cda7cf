package slapmon.runtime.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for 127.0.0.1 made by the real openssl, as a partition CA would. */
public final class TlsFixture {
  public final Path certificate;
  public final Path key;

  private TlsFixture(Path certificate, Path key) {
    this.certificate = certificate;
    this.key = key;
  }

  public static TlsFixture create(Path dir) throws IOException, InterruptedException {
    Path certificate = dir.resolve("httpd.crt");
    Path key = dir.resolve("httpd.key");
    Process openssl =
        new ProcessBuilder(
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=slapmon test", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", key.toString(), "-out", certificate.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      throw new IOException("openssl req failed; is openssl installed? see " + dir.resolve("openssl.log"));
    }
    return new TlsFixture(certificate, key);
  }
}
