package slapmon.runtime.metrics;

import static slapmon.runtime.metrics.Series.gauge;
import static slapmon.runtime.metrics.Series.seconds;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import slapmon.runtime.metrics.Series.Point;

/**
 * When the certificate the HTTPS server serves expires: its file's first certificate, read at each
 * scrape (a render renews it in place and the server reloads it). Nothing when unreadable.
 */
final class CertificateExpiry {
  private CertificateExpiry() {}

  static List<MetricSnapshot> read(Path certificate) {
    try (InputStream in = Files.newInputStream(certificate)) {
      X509Certificate first =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return List.of(
          gauge("slapmon_tls_certificate_expiry_timestamp_seconds",
              "When the certificate the monitor serves stops being valid (Unix time)",
              List.of(Point.of(seconds(first.getNotAfter().toInstant())))));
    } catch (IOException | CertificateException | ClassCastException e) {
      return List.of();
    }
  }
}
