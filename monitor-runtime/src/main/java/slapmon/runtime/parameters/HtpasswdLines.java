package slapmon.runtime.parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The htpasswd file with one user's line replaced by a new bcrypt {@code $2y$} line, every other
 * line kept as it was (a user's later duplicate lines, which Apache ignores, are dropped).
 */
final class HtpasswdLines {
  private HtpasswdLines() {}

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
