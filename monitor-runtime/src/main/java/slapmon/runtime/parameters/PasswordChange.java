package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import slapmon.config.settings.ParameterLine.HtpasswdParameter;
import slapmon.runtime.http.auth.BcryptLine;
import slapmon.runtime.io.AtomicFiles;

/**
 * An {@code htpasswd} parameter's new password: the user's line of the htpasswd file rewritten
 * with bcrypt by slapmon itself (no command line ever holds the password, SPEC D.27), then the
 * plain-text password file (owner only). If the second write fails the first is undone.
 */
final class PasswordChange implements Change {
  static final Set<PosixFilePermission> OWNER_ONLY =
      Set.copyOf(PosixFilePermissions.fromString("rw-------"));
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HtpasswdParameter parameter;
  private final String password;
  private final AppliedEdits edits;

  PasswordChange(HtpasswdParameter parameter, String password, AppliedEdits edits) {
    this.parameter = parameter;
    this.password = password;
    this.edits = edits;
  }

  @Override
  public KeyResult apply() {
    Path htpasswd = parameter.htpasswdFile();
    Optional<byte[]> before;
    Set<PosixFilePermission> mode;
    try {
      before = Change.contentOf(htpasswd);
      mode = Change.modeOf(htpasswd, OWNER_ONLY);
      String existing = new String(before.orElse(new byte[0]), StandardCharsets.UTF_8);
      String line = BcryptLine.of(parameter.user(), password, RANDOM);
      String updated = HtpasswdLines.replace(existing, parameter.user(), line);
      AtomicFiles.write(htpasswd, updated.getBytes(StandardCharsets.UTF_8), mode);
    } catch (IOException e) {
      return KeyResult.failed(Change.describe(htpasswd, e));
    }
    edits.htpasswdWritten(htpasswd);
    Path passwordFile = parameter.passwordFile();
    try {
      AtomicFiles.write(passwordFile, password.getBytes(StandardCharsets.UTF_8), OWNER_ONLY);
    } catch (IOException e) {
      String undone = Change.restore(htpasswd, before, mode);
      edits.htpasswdWritten(htpasswd);
      return KeyResult.failed(Change.describe(passwordFile, e) + "; " + undone);
    }
    return KeyResult.applied();
  }

  @Override
  public String toString() {
    return "password-change(" + parameter.user() + " in " + parameter.htpasswdFile() + ")";
  }
}
