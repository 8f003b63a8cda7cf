package slapmon.config.buildout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slapmon.config.ini.RawOption;
import slapmon.config.ini.RawOption.Operator;

/**
 * Lays one section's options over another's, as zc.buildout does when a file extends another or a
 * section takes a {@code <=} macro: plain options override, {@code +=} appends lines to the value
 * below, {@code -=} removes lines from it. Operators apply only here; an operator that never meets a
 * base stays the literal option it was written as.
 */
final class SectionMerge {

  private SectionMerge() {}

  static Map<String, RawOption> merge(Map<String, RawOption> base, Map<String, RawOption> overlay) {
    Map<String, RawOption> result = new LinkedHashMap<>(base);
    Map<String, RawOption> applied = new LinkedHashMap<>(overlay);
    for (RawOption option : inBuildoutOrder(overlay)) {
      if (option.operator() == Operator.SET) {
        continue;
      }
      RawOption below = applied.getOrDefault(option.name(), result.get(option.name()));
      String belowText = below == null ? "" : below.text();
      String text =
          option.operator() == Operator.ADD
              ? belowText + "\n" + option.text()
              : removeLines(belowText, option.text());
      applied.remove(option.key());
      applied.put(option.name(), RawOption.set(option.name(), text, option.location()));
    }
    result.putAll(applied);
    return result;
  }

  /** zc.buildout sorts by name with its operator last, so {@code +=} comes before {@code -=}. */
  private static List<RawOption> inBuildoutOrder(Map<String, RawOption> options) {
    List<RawOption> ordered = new ArrayList<>(options.values());
    ordered.sort(
        Comparator.comparing((RawOption o) -> stripTrailing(o.key(), " +"), SectionMerge::compare)
            .thenComparing(o -> o.key().substring(o.key().length() - 1), SectionMerge::compare));
    return ordered;
  }

  private static String removeLines(String text, String removed) {
    List<String> gone = List.of(removed.split("\n", -1));
    List<String> kept = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!gone.contains(line)) {
        kept.add(line);
      }
    }
    return String.join("\n", kept);
  }

  private static String stripTrailing(String s, String chars) {
    int end = s.length();
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python compares strings by code point, Java's compareTo by UTF-16 unit. */
  private static int compare(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

}
