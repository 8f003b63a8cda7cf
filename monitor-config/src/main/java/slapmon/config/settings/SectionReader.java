package slapmon.config.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.NearestName;
import slapmon.config.Value;
import slapmon.config.ini.PythonText;

/**
 * Typed access to one section's options for a binder: reports each bad or missing value as a
 * diagnostic naming the section and key, remembers which keys were read so that the others can be
 * reported as unknown, and knows whether the section was defined at all.
 *
 * <p>An option whose value is empty counts as absent, except where {@link #value} or {@link #list}
 * is used. A section that could not be resolved is "broken": it reports the resolution errors once
 * and then yields nothing, without reporting its options as missing.
 */
final class SectionReader {
  private final String name;
  private final Map<String, Value> values;
  private final boolean present;
  private final boolean broken;
  private final Location origin;
  private final Diagnostics diagnostics;
  private final Set<String> read = new HashSet<>();
  private final int errorsBefore;

  private SectionReader(
      String name,
      Map<String, Value> values,
      boolean present,
      boolean broken,
      Location origin,
      Diagnostics diagnostics) {
    this.name = name;
    this.values = values;
    this.present = present;
    this.broken = broken;
    this.origin = origin;
    this.diagnostics = diagnostics;
    this.errorsBefore = diagnostics.errorCount();
  }

  /**
   * Reads section {@code name} from {@code source}; resolution errors go to {@code diagnostics}.
   */
  static SectionReader open(SectionSource source, String name, Diagnostics diagnostics) {
    try {
      Optional<Map<String, Value>> section = source.section(name);
      return new SectionReader(
          name, section.orElse(Map.of()), section.isPresent(), false, source.origin(), diagnostics);
    } catch (ConfigException e) {
      diagnostics.addAll(e.diagnostics());
      return new SectionReader(name, Map.of(), true, true, source.origin(), diagnostics);
    }
  }

  String name() {
    return name;
  }

  /** Whether the section is defined (a broken section is defined). */
  boolean present() {
    return present;
  }

  /** Whether this section added an error, or could not be resolved. */
  boolean failed() {
    return broken || diagnostics.errorCount() > errorsBefore;
  }

  /** How many errors every section reported so far. */
  int errorCount() {
    return diagnostics.errorCount();
  }

  /** Where an error about something absent is reported: the file, line 0. */
  Location origin() {
    return origin;
  }

  /** Every option of the section, in order, as written; marks all of them as read. */
  Map<String, Value> all() {
    read.addAll(values.keySet());
    return java.util.Collections.unmodifiableMap(values);
  }

  /** The option as written, empty text included; marks it as read. */
  Optional<Value> value(String key) {
    read.add(key);
    return Optional.ofNullable(values.get(key));
  }

  /** The option's typed value; empty when it is absent, empty, or invalid (then reported). */
  <T> Optional<T> optional(String key, Parser<T> parser) {
    return value(key)
        .filter(v -> !v.text().isEmpty())
        .flatMap(v -> parse(key, v, v.text(), parser));
  }

  /**
   * The option's typed value, or when it is absent or empty what {@code fallback} gives (a default
   * that may itself be unknown); empty when the value is invalid (then reported).
   */
  <T> Optional<T> withDefault(String key, Parser<T> parser, Supplier<Optional<T>> fallback) {
    Optional<Value> value = value(key).filter(v -> !v.text().isEmpty());
    return value.isEmpty() ? fallback.get() : parse(key, value.get(), value.get().text(), parser);
  }

  /** As {@link #optional}, and an absent or empty option is reported as missing. */
  <T> Optional<T> required(String key, Parser<T> parser, String expected) {
    Optional<Value> value = value(key).filter(v -> !v.text().isEmpty());
    if (value.isEmpty()) {
      missing(key, expected);
      return Optional.empty();
    }
    return parse(key, value.get(), value.get().text(), parser);
  }

  /** The option's text, which may be empty; an absent option is reported as missing. */
  Optional<String> requiredText(String key, String expected) {
    Optional<Value> value = value(key);
    if (value.isEmpty()) {
      missing(key, expected);
      return Optional.empty();
    }
    return parse(key, value.get(), value.get().text(), Parsers.SINGLE_LINE);
  }

  /**
   * The option split on runs of white space, each word parsed; empty when the option is absent.
   * Every bad word is reported; the list then holds the good ones.
   */
  <T> Optional<List<T>> list(String key, Parser<T> parser) {
    Optional<Value> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    List<T> items = new ArrayList<>();
    for (String word : PythonText.splitWords(value.get().text())) {
      parse(key, value.get(), word, parser).ifPresent(items::add);
    }
    return Optional.of(List.copyOf(items));
  }

  /**
   * As {@link #list}, and an absent option is reported as missing (an empty one is an empty list).
   */
  <T> Optional<List<T>> requiredList(String key, Parser<T> parser, String expected) {
    Optional<List<T>> items = list(key, parser);
    if (items.isEmpty()) {
      missing(key, expected);
    }
    return items;
  }

  /** Reports {@code key} as missing, unless the section is broken (its error is already out). */
  void missing(String key, String expected) {
    if (!broken) {
      diagnostics.add(Diagnostic.error(origin, name, key, "missing: expected " + expected));
    }
  }

  void error(Location at, String key, String message) {
    diagnostics.add(Diagnostic.error(at, name, key, message));
  }

  void warning(Location at, String key, String message) {
    diagnostics.add(Diagnostic.warning(at, name, key, message));
  }

  /** Marks options that are accepted for compatibility and deliberately not bound. */
  void ignore(String... keys) {
    read.addAll(List.of(keys));
  }

  /** Warns about each option no one has read, in file order. */
  void warnUnknown() {
    values.forEach(
        (key, value) -> {
          if (!read.contains(key)) {
            warning(
                value.location(),
                key,
                "unknown option '" + key + "' in [" + name + "]; it is ignored"
                    + NearestName.suggestion(key, read));
          }
        });
  }

  /** Whether every value is there: a binder builds its record only then. */
  static boolean allPresent(Optional<?>... values) {
    return java.util.Arrays.stream(values).allMatch(Optional::isPresent);
  }

  private <T> Optional<T> parse(String key, Value at, String text, Parser<T> parser) {
    try {
      return Optional.of(parser.parse(text, note -> warning(at.location(), key, note)));
    } catch (Parser.Invalid invalid) {
      error(at.location(), key, invalid.message(text));
      return Optional.empty();
    }
  }
}
