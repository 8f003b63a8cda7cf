package slapmon.runtime.http.auth;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines of an htpasswd file into user → stored hash, keeping only the lines a user can
 * log in with; every refused line gets a warning with its line number, never with its hash.
 */
final class HtpasswdParser {
  private HtpasswdParser() {}

  /** Users who can log in, with their stored hash, and one warning per refused line. */
  record Result(Map<String, String> hashes, List<String> warnings) {
    Result {
      hashes = Map.copyOf(hashes);
      warnings = List.copyOf(warnings);
    }
  }

  static Result parse(Path file, List<String> lines) {
    Map<String, String> hashes = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": warning: ";
      int colon = line.indexOf(':');
      if (colon <= 0) {
        warnings.add(where + "expected 'user:hash', found no user name; line ignored");
        continue;
      }
      String user = line.substring(0, colon);
      String hash = line.substring(colon + 1);
      if (hashes.containsKey(user)) {
        warnings.add(where + "user '" + user + "' is listed again; only its first line is used");
      } else if (HashFormat.of(hash) == HashFormat.UNSUPPORTED) {
        warnings.add(
            where
                + "user '"
                + user
                + "' has an unsupported hash format (expected bcrypt $2y$/$2a$/$2b$, $apr1$ or"
                + " {SHA}); that user cannot log in");
        hashes.put(user, "");
      } else {
        hashes.put(user, hash);
      }
    }
    hashes.values().removeIf(String::isEmpty); // a refused first line still shadows later ones
    return new Result(hashes, warnings);
  }
}
