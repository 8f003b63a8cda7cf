package slapmon.runtime.parameters;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.util.ArrayList;
import java.util.List;

/**
 * The htpasswd file with one user's line replaced by a new bcrypt {@code $2y$} line, every other
 * line kept as it was (a user's later duplicate lines, which Apache ignores, are dropped).
 */
final class HtpasswdLines {
  /** The cost Apache's {@code htpasswd -B} uses by default is 5; we pay a little more. */
  static final int BCRYPT_COST = 10;

  private HtpasswdLines() {}

  /** {@code user:$2y$10$…} for {@code password}. */
  static String line(String user, char[] password) {
    return user + ":" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(BCRYPT_COST, password);
  }

  /** {@code existing} (the file's text, maybe empty) with {@code user}'s line set to {@code line}. */
  static String replace(String existing, String user, String line) {
    List<String> lines = new ArrayList<>();
    boolean placed = false;
    for (String current : existing.lines().toList()) {
      if (!current.strip().startsWith(user + ":")) {
        lines.add(current);
      } else if (!placed) {
        lines.add(line);
        placed = true;
      }
    }
    if (!placed) {
      lines.add(line);
    }
    return String.join("\n", lines) + "\n";
  }
}
