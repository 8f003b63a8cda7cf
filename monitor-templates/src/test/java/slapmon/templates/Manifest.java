package slapmon.templates;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.stream.Collectors;
import slapmon.config.settings.IpLiteral;

/**
 * A rendering as reviewable text: every folder, file (mode, policy, content), request, published
 * value and warning, one per block; what the golden files hold.
 */
final class Manifest {
  private Manifest() {}

  static String of(RenderedPartition rendered) {
    StringBuilder out = new StringBuilder();
    for (RenderedFolder folder : rendered.folders()) {
      out.append("folder ")
          .append(PosixFilePermissions.toString(folder.mode()))
          .append(' ')
          .append(folder.path())
          .append('\n');
    }
    for (RenderedFile file : rendered.files()) {
      out.append("file ")
          .append(PosixFilePermissions.toString(file.mode()))
          .append(' ')
          .append(file.policy().name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .append(' ')
          .append(file.path())
          .append('\n');
      content(out, file.content());
    }
    CertificateRequest certificate = rendered.certificate();
    out.append("certificate ")
        .append(certificate.certificate())
        .append("\n  key ")
        .append(certificate.key())
        .append("\n  cn ")
        .append(certificate.commonName())
        .append("\n  san ")
        .append(
            certificate.addresses().stream()
                .map(IpLiteral::format)
                .collect(Collectors.joining(" ")))
        .append("\n  days ")
        .append(certificate.validityDays())
        .append('\n');
    HtpasswdRequest htpasswd = rendered.htpasswd();
    out.append("htpasswd ")
        .append(htpasswd.file())
        .append("\n  user ")
        .append(htpasswd.user())
        .append("\n  password ")
        .append(htpasswd.password().text())
        .append('\n');
    ConnectionValues published = rendered.published();
    out.append("publish ")
        .append(published.file())
        .append("\n  monitor-base-url ")
        .append(published.monitorBaseUrl())
        .append("\n  monitor-url ")
        .append(published.monitorUrl())
        .append("\n  monitor-user ")
        .append(published.monitorUser())
        .append("\n  monitor-password ")
        .append(published.monitorPassword().text())
        .append("\n  monitor-setup-url ")
        .append(published.monitorSetupUrl())
        .append('\n');
    rendered.warnings().forEach(warning -> out.append("warning ").append(warning).append('\n'));
    return out.toString();
  }

  /** Each line as {@code "  | line"}; a last line without newline is marked as diff does. */
  private static void content(StringBuilder out, String content) {
    if (content.isEmpty()) {
      out.append("  (empty)\n");
      return;
    }
    String body = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    for (String line : body.split("\n", -1)) {
      out.append("  |").append(line.isEmpty() ? "" : " " + line).append('\n');
    }
    if (!content.endsWith("\n")) {
      out.append("  \\ no newline at end of file\n");
    }
  }
}
