package slapmon.config.buildout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slapmon.config.Diagnostic;
import slapmon.config.ini.PythonText;
import slapmon.config.ini.RawOption;

/**
 * Expands {@code <= other} (one section per line): the raw options of the named sections, each
 * expanded in turn, with the section's own options laid over them. {@code [buildout]} never takes
 * a macro.
 */
final class MacroExpansion {
  static final String MACRO_KEY = "<";

  /** How deep {@code <=} may nest; without a limit a long chain overflows the stack. */
  static final int MAX_DEPTH = 200;

  private MacroExpansion() {}

  static Map<String, RawOption> expand(
      String name, Map<String, Map<String, RawOption>> sections) {
    return expand(name, sections.get(name), sections, new ArrayList<>());
  }

  /**
   * The loop is told from its first section in name order, so that every section of one loop
   * reports the same diagnostic.
   */
  private static ResolutionFailure loop(
      List<String> members, Map<String, Map<String, RawOption>> sections) {
    List<String> loop = Cycles.fromSmallest(members, String::compareTo);
    String first = loop.get(0);
    loop.add(first);
    return new ResolutionFailure(
        Diagnostic.error(
            sections.get(first).get(MACRO_KEY).location(),
            first,
            MACRO_KEY,
            "macro loop: [" + String.join("] <= [", loop) + "]"));
  }

  private static Map<String, RawOption> expand(
      String name,
      Map<String, RawOption> own,
      Map<String, Map<String, RawOption>> sections,
      List<String> expanding) {
    RawOption macros = own.get(MACRO_KEY);
    if (name.equals("buildout") || macros == null) {
      return own;
    }
    if (expanding.contains(name)) {
      throw loop(expanding.subList(expanding.indexOf(name), expanding.size()), sections);
    }
    if (expanding.size() >= MAX_DEPTH) {
      throw new ResolutionFailure(
          Diagnostic.error(
              macros.location(),
              name,
              MACRO_KEY,
              "macros nested deeper than " + MAX_DEPTH + " sections ([" + expanding.get(0)
                  + "] <= [" + expanding.get(1) + "] <= ...); expected a shorter chain"));
    }
    expanding.add(name);
    try {
      Map<String, RawOption> inherited = new LinkedHashMap<>();
      for (String line : macros.text().split("\n", -1)) {
        String macro = PythonText.strip(line);
        if (macro.isEmpty()) {
          continue;
        }
        Map<String, RawOption> source = sections.get(macro);
        if (source == null) {
          throw new ResolutionFailure(
              Diagnostic.error(
                  macros.location(),
                  name,
                  MACRO_KEY,
                  "<= names section ["
                      + macro
                      + "], which does not exist"
                      + (macro.contains(" ") ? " (write one section per line)" : "")));
        }
        inherited.putAll(expand(macro, source, sections, expanding));
      }
      Map<String, RawOption> result = SectionMerge.merge(inherited, own);
      result.remove(MACRO_KEY);
      return result;
    } finally {
      expanding.remove(expanding.size() - 1);
    }
  }
}
