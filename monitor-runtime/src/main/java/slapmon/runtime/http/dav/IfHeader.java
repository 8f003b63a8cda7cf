package slapmon.runtime.http.dav;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/** A parsed RFC 4918 {@code If} header: lists of (Not) state-token and entity-tag conditions. */
final class IfHeader {
  /** One condition: a state token or an entity tag, possibly negated. */
  record Condition(boolean not, String token, String etag) {}

  /** One parenthesized list, with the resource tag it applies to (null: the request URL). */
  record Clause(String tag, List<Condition> conditions) {}

  final List<Clause> clauses;

  private IfHeader(List<Clause> clauses) {
    this.clauses = clauses;
  }

  static IfHeader parse(String header) {
    List<Clause> clauses = new ArrayList<>();
    String tag = null;
    int i = 0;
    int n = header.length();
    while (i < n) {
      char c = header.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '<') {
        int end = closing(header, i, '>');
        tag = header.substring(i + 1, end);
        i = end + 1;
      } else if (c == '(') {
        int end = closing(header, i, ')');
        clauses.add(new Clause(tag, conditions(header.substring(i + 1, end))));
        i = end + 1;
      } else {
        throw malformed(header);
      }
    }
    if (clauses.isEmpty()) {
      throw malformed(header);
    }
    return new IfHeader(clauses);
  }

  private static List<Condition> conditions(String list) {
    List<Condition> out = new ArrayList<>();
    boolean not = false;
    int i = 0;
    while (i < list.length()) {
      char c = list.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (list.startsWith("Not", i)) {
        not = true;
        i += 3;
      } else if (c == '<' || c == '[') {
        int end = closing(list, i, c == '<' ? '>' : ']');
        String value = list.substring(i + 1, end);
        out.add(c == '<' ? new Condition(not, value, null) : new Condition(not, null, value));
        not = false;
        i = end + 1;
      } else {
        throw malformed(list);
      }
    }
    if (out.isEmpty()) {
      throw malformed(list);
    }
    return out;
  }

  private static int closing(String s, int from, char close) {
    int end = s.indexOf(close, from + 1);
    if (end < 0) {
      throw malformed(s);
    }
    return end;
  }

  private static DavError malformed(String header) {
    return new DavError(400, "malformed If header '" + header + "'");
  }

  /** Every state token the client submitted, wherever it appears. */
  Set<String> tokens() {
    Set<String> out = new HashSet<>();
    for (Clause clause : clauses) {
      for (Condition c : clause.conditions()) {
        if (c.token() != null && !c.not()) {
          out.add(c.token());
        }
      }
    }
    return out;
  }

  /**
   * Whether some list holds, where {@code check} answers (tag or null, condition) for a plain,
   * un-negated condition.
   */
  boolean holds(BiPredicate<String, Condition> check) {
    for (Clause clause : clauses) {
      boolean all = true;
      for (Condition c : clause.conditions()) {
        all &= check.test(clause.tag(), c) != c.not();
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
