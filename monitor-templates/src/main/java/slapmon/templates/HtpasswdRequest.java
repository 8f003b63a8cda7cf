package slapmon.templates;

import java.nio.file.Path;
import java.util.Objects;
import slapmon.config.settings.Password;

/**
 * The htpasswd file of the HTTPS server, described rather than written (a bcrypt hash needs a
 * random salt and a hashing library): one {@code user:$2y$…} line, mode 0600. The runtime writes
 * it when it is missing or empty, or when {@code passwordFile} is created in the same render, so the
 * two always agree; otherwise the web interface owns it.
 */
public record HtpasswdRequest(Path file, Path passwordFile, String user, Password password) {
  public HtpasswdRequest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(passwordFile, "passwordFile");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "HtpasswdRequest[file=" + file + ", user=" + user + ", password=(not shown)]";
  }
}
