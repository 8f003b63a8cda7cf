package slapmon.config.buildout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import slapmon.config.Diagnostic;
import slapmon.config.NearestName;
import slapmon.config.ini.PythonText;
import slapmon.config.ini.RawOption;

/**
 * Replaces {@code ${section:option}} and {@code ${:option}} references, lazily and recursively, the
 * way zc.buildout does: using a section first expands its macros and substitutes all its options;
 * text between {@code $$} escapes is substituted piece by piece and joined back, so
 * {@code $${x}} reaches the consumer unchanged. Not thread-safe: one instance per resolution.
 */
final class Substitution {
  /**
   * How deep references may nest (an option whose value uses one whose value uses one...). Far
   * beyond any real profile; zc.buildout itself stops at Python's recursion limit, a few hundred
   * levels. Without a limit a long chain overflows the stack.
   */
  static final int MAX_DEPTH = 200;

  private static final Pattern VALID = Pattern.compile("\\$\\{[-a-zA-Z0-9 ._]*:[-a-zA-Z0-9 ._]+}");
  private static final Pattern SIMPLE = Pattern.compile("[-a-zA-Z0-9 ._]+");
  private static final String SECTION_NAME = "_buildout_section_name_";
  private static final String PART_DEPENDENCIES = "<part-dependencies>";

  private final Map<String, Map<String, RawOption>> raw;
  private final Map<String, SectionState> sections = new HashMap<>();
  private int depth;

  Substitution(Map<String, Map<String, RawOption>> raw) {
    this.raw = raw;
  }

  /** One option being looked up: the cycle check's chain is a list of these. */
  private record Ref(String section, String option) {
    @Override
    public String toString() {
      return "[" + section + "] " + option;
    }
  }

  /** A section's macro-expanded options and the values substituted so far. */
  private static final class SectionState {
    final String name;
    Map<String, RawOption> options = Map.of();
    final Map<String, String> done = new HashMap<>();
    ResolutionFailure failure;

    SectionState(String name) {
      this.name = name;
    }
  }

  /** Every option of {@code name}, substituted, in the order of the section. */
  Map<String, String> resolve(String name) {
    SectionState state = section(name, null, null);
    Map<String, String> values = new LinkedHashMap<>();
    for (String option : state.options.keySet()) {
      values.put(option, get(state, option, new ArrayList<>()));
    }
    return values;
  }

  RawOption rawOption(String section, String option) {
    return sections.get(section).options.get(option);
  }

  private SectionState section(String name, RawOption referrer, Ref from) {
    SectionState state = sections.get(name);
    if (state != null) {
      if (state.failure != null) {
        throw state.failure;
      }
      return state;
    }
    if (!raw.containsKey(name)) {
      if (referrer == null) {
        throw new IllegalArgumentException("no section [" + name + "]");
      }
      throw new ResolutionFailure(
          Diagnostic.error(
              referrer.location(),
              from.section(),
              from.option(),
              "=> names part [" + name + "], which does not exist"));
    }
    state = new SectionState(name);
    sections.put(name, state);
    try {
      state.options = MacroExpansion.expand(name, raw);
      for (String option : state.options.keySet().stream().sorted().toList()) {
        get(state, option, new ArrayList<>());
      }
      if (!name.equals("buildout")) {
        RawOption dependencies = state.options.get(PART_DEPENDENCIES);
        if (dependencies != null) {
          Ref ref = new Ref(name, PART_DEPENDENCIES);
          for (String part : PythonText.splitWords(get(state, PART_DEPENDENCIES, new ArrayList<>()))) {
            section(part, dependencies, ref);
          }
        }
      }
      return state;
    } catch (ResolutionFailure failure) {
      state.failure = failure;
      throw failure;
    }
  }

  private String get(SectionState state, String option, List<Ref> chain) {
    String done = state.done.get(option);
    if (done != null) {
      return done;
    }
    RawOption raw = state.options.get(option);
    if (raw == null) {
      return null;
    }
    String value = raw.text();
    if (value.contains("${")) {
      Ref ref = new Ref(state.name, option);
      if (chain.contains(ref)) {
        throw circular(chain.subList(chain.indexOf(ref), chain.size()));
      }
      if (depth >= MAX_DEPTH) {
        throw new ResolutionFailure(
            Diagnostic.error(
                raw.location(),
                state.name,
                option,
                "references nested deeper than " + MAX_DEPTH + " levels; expected a shorter"
                    + " chain of ${section:option} references"));
      }
      chain.add(ref);
      depth++;
      try {
        List<String> pieces = new ArrayList<>();
        for (String piece : value.split("\\$\\$", -1)) {
          pieces.add(substitutePiece(state, raw, ref, piece, chain));
        }
        value = String.join("$$", pieces);
      } finally {
        depth--;
      }
      chain.remove(chain.size() - 1);
    }
    state.done.put(option, value);
    return value;
  }

  /** Told from its first option in name order, so the same cycle always reads the same. */
  private ResolutionFailure circular(List<Ref> members) {
    List<Ref> loop =
        Cycles.fromSmallest(
            members, java.util.Comparator.comparing(Ref::section).thenComparing(Ref::option));
    Ref first = loop.get(0);
    loop.add(first);
    return new ResolutionFailure(
        Diagnostic.error(
            sections.get(first.section()).options.get(first.option()).location(),
            first.section(),
            first.option(),
            "circular reference: "
                + String.join(" -> ", loop.stream().map(Ref::toString).toList())));
  }

  private String substitutePiece(
      SectionState state, RawOption raw, Ref ref, String piece, List<Ref> chain) {
    // What the regular expression \$\{[^}]*} finds, found in linear time: with no '}' left, no
    // later "${" can close either (a regular expression would rescan to the end from each one).
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (true) {
      int open = piece.indexOf("${", last);
      int close = open < 0 ? -1 : piece.indexOf('}', open + 2);
      if (close < 0) {
        break;
      }
      out.append(piece, last, open);
      out.append(lookUp(state, raw, ref, piece.substring(open, close + 1), chain));
      last = close + 1;
    }
    return out.append(piece.substring(last)).toString();
  }

  private String lookUp(SectionState state, RawOption raw, Ref ref, String reference, List<Ref> chain) {
    String[] parts = reference.substring(2, reference.length() - 1).split(":", -1);
    if (!VALID.matcher(reference).matches()) {
      throw new ResolutionFailure(
          Diagnostic.error(raw.location(), ref.section(), ref.option(), invalid(reference, parts)));
    }
    String sectionName = parts[0].isEmpty() ? state.name : parts[0];
    String option = parts[1];
    if (!this.raw.containsKey(sectionName)) {
      throw new ResolutionFailure(
          Diagnostic.error(
              raw.location(),
              ref.section(),
              ref.option(),
              reference + " refers to section [" + sectionName + "], which does not exist"));
    }
    SectionState target = section(sectionName, raw, ref);
    String value = get(target, option, chain);
    if (value != null) {
      return value;
    }
    if (option.equals(SECTION_NAME)) {
      return sectionName;
    }
    Optional<String> typo = NearestName.of(option, target.options.keySet());
    if (typo.isPresent()) {
      // Reported where the mistake is: the mistyped option, not the line that uses the right name.
      RawOption mistyped = target.options.get(typo.get());
      throw new ResolutionFailure(
          Diagnostic.error(
              mistyped.location(),
              sectionName,
              typo.get(),
              "did you mean '" + option + "'? " + reference + " at " + raw.location()
                  + " refers to option '" + option + "', which section [" + sectionName
                  + "] does not have"));
    }
    throw new ResolutionFailure(
        Diagnostic.error(
            raw.location(),
            ref.section(),
            ref.option(),
            reference + " refers to option '" + option + "', which section [" + sectionName
                + "] does not have"));
  }

  private static String invalid(String reference, String[] parts) {
    String expected = "expected ${section:option} or ${:option}";
    if (parts.length < 2) {
      return "the substitution " + reference + " has no colon: " + expected;
    }
    if (parts.length > 2) {
      return "the substitution " + reference + " has too many colons (references do not nest): "
          + expected;
    }
    String which = SIMPLE.matcher(parts[0]).matches() ? "option" : "section";
    return "the " + which + " name in the substitution " + reference
        + " has characters other than letters, digits, space, '-', '.' and '_'";
  }
}
