package slapmon.config;

import java.util.Collection;
import java.util.Optional;

/**
 * The known option name a mistyped one was most likely meant to be: the nearest by edit distance
 * (a swap of two neighbouring letters counts as one edit), when near enough to be a typo rather
 * than another option: at most 2 edits, and at most a third of the name's length.
 */
public final class NearestName {
  private NearestName() {}

  public static Optional<String> of(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      if (candidate.equals(typed)) {
        continue;
      }
      int distance = distance(typed, candidate);
      if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.min(2, Math.max(1, typed.length() / 3));
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** The "did you mean" sentence to append to a diagnostic, or an empty string. */
  public static String suggestion(String typed, Collection<String> known) {
    return of(typed, known).map(name -> "; did you mean '" + name + "'?").orElse("");
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
