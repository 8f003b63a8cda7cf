package slapmon.config.ini;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import slapmon.config.Diagnostic;
import slapmon.config.Location;

/**
 * Evaluates the condition of a header such as {@code [section:python3 and linux]}. zc.buildout
 * hands it to Python's {@code eval}; we support the part of Python that conditions use in
 * practice: the names zc.buildout predefines, {@code True}/{@code False}, {@code not}, {@code and},
 * {@code or} and parentheses. Anything else is reported as an error, never guessed.
 */
final class SectionCondition {
  private static final Map<String, Boolean> NAMES = predefinedNames();

  private final String expression;
  private final List<String> tokens;
  private int position;

  private SectionCondition(String expression) {
    this.expression = expression;
    this.tokens = tokenize(expression);
  }

  /**
   * True when the section is kept. An unsupported expression is reported and the section kept, so
   * that its lines do not cause errors of their own.
   */
  static boolean evaluate(String rawExpression, Location at, String section, List<Diagnostic> out) {
    String expression = rawExpression.replace("\\x23", "#").replace("\\x3b", ";");
    try {
      SectionCondition condition = new SectionCondition(expression);
      boolean value = condition.orExpression();
      if (condition.position != condition.tokens.size()) {
        throw condition.unexpected();
      }
      return value;
    } catch (IllegalArgumentException e) {
      out.add(Diagnostic.error(at, section, "", e.getMessage()));
      return true;
    }
  }

  private boolean orExpression() {
    boolean value = andExpression();
    while (accept("or")) {
      value |= andExpression();
    }
    return value;
  }

  private boolean andExpression() {
    boolean value = notExpression();
    while (accept("and")) {
      value &= notExpression();
    }
    return value;
  }

  private boolean notExpression() {
    if (accept("not")) {
      return !notExpression();
    }
    if (accept("(")) {
      boolean value = orExpression();
      if (!accept(")")) {
        throw unexpected();
      }
      return value;
    }
    if (position >= tokens.size()) {
      throw unexpected();
    }
    String name = tokens.get(position++);
    Boolean value = NAMES.get(name);
    if (value == null) {
      position--;
      throw unexpected();
    }
    return value;
  }

  private boolean accept(String token) {
    if (position < tokens.size() && tokens.get(position).equals(token)) {
      position++;
      return true;
    }
    return false;
  }

  private IllegalArgumentException unexpected() {
    String found = position < tokens.size() ? "'" + tokens.get(position) + "'" : "the end";
    return new IllegalArgumentException(
        "unsupported section condition '"
            + PythonText.strip(expression)
            + "' (at "
            + found
            + "): expected the names "
            + String.join(", ", NAMES.keySet())
            + " combined with not, and, or and parentheses");
  }

  private static List<String> tokenize(String expression) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (PythonText.isSpace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(String.valueOf(c));
        i++;
      } else {
        int start = i;
        while (i < expression.length()
            && !PythonText.isSpace(expression.charAt(i))
            && expression.charAt(i) != '('
            && expression.charAt(i) != ')') {
          i++;
        }
        tokens.add(expression.substring(start, i));
      }
    }
    return tokens;
  }

  private static Map<String, Boolean> predefinedNames() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    boolean is64 = System.getProperty("os.arch", "").contains("64");
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    Map<String, Boolean> names = new TreeMap<>();
    names.put("True", true);
    names.put("False", false);
    // The Python that runs buildout for SlapOS: CPython 3.
    names.put("python2", false);
    names.put("python3", true);
    for (String minor : List.of("24", "25", "26", "27", "30", "31", "32", "33", "34", "35", "36")) {
      names.put("python" + minor, false);
    }
    names.put("cpython", true);
    names.put("pypy", false);
    names.put("jython", false);
    names.put("ironpython", false);
    names.put("linux", os.contains("linux"));
    names.put("windows", os.contains("windows"));
    names.put("cygwin", false);
    names.put("solaris", os.contains("sunos") || os.contains("solaris"));
    names.put("macosx", os.contains("mac"));
    names.put("posix", !os.contains("windows"));
    names.put("bits32", !is64);
    names.put("bits64", is64);
    names.put("little_endian", little);
    names.put("big_endian", !little);
    return names;
  }
}
