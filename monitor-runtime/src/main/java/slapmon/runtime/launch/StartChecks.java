package slapmon.runtime.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.Value;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.HttpdSection;
import slapmon.runtime.http.PemTls;

/**
 * What {@code slapmon run} will need beyond a well-formed monitor.conf, checked beforehand by
 * {@code check-config --monitor-conf}: the files {@code [httpd]} names can be read, and the
 * certificate and key make a TLS context. Each problem is reported at the key that names the file.
 */
public final class StartChecks {
  private static final String HTTPD = "httpd";

  private StartChecks() {}

  public static List<Diagnostic> of(RuntimeConfig config) throws ConfigException {
    List<Diagnostic> problems = new ArrayList<>();
    if (config.conf().httpd().isEmpty()) {
      return problems;
    }
    HttpdSection httpd = config.conf().httpd().get();
    Map<String, Value> section = IniDocument.read(config.file()).section(HTTPD);
    boolean certificate = readable(section, "cert-file", httpd.certificateFile(), problems, true);
    boolean key = readable(section, "key-file", httpd.keyFile(), problems, true);
    if (certificate && key) {
      try {
        PemTls.context(httpd.certificateFile(), httpd.keyFile());
      } catch (IOException e) {
        problems.add(
            Diagnostic.error(at(section, "cert-file", config.file()), HTTPD, "cert-file",
                FailureText.of(e) + "; slapmon run would not start"));
      }
    }
    readable(section, "htpasswd-file", httpd.htpasswdFile(), problems, false);
    return problems;
  }

  private static boolean readable(
      Map<String, Value> section, String key, Path file, List<Diagnostic> problems, boolean needed) {
    try {
      Files.newInputStream(file).close();
      return true;
    } catch (IOException e) {
      Location where = at(section, key, file);
      String message = "cannot read " + FailureText.of(e);
      problems.add(
          needed
              ? Diagnostic.error(where, HTTPD, key, message
                  + "; slapmon run would not start (render the partition again to make it)")
              : Diagnostic.warning(where, HTTPD, key, message
                  + "; nobody could log in (render the partition again to make it)"));
      return false;
    }
  }

  private static Location at(Map<String, Value> section, String key, Path fallback) {
    Value value = section.get(key);
    return value == null ? new Location(fallback, 0) : value.location();
  }
}
