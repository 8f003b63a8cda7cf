package slapmon.config.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import slapmon.config.ConfigException;
import slapmon.config.Location;
import slapmon.config.Value;

/**
 * Where a binder reads sections from: a resolved buildout profile, a literal INI file, or maps of
 * located values; a section that is not defined is {@link Optional#empty()}, and one that is
 * defined but cannot be resolved throws with the reader's diagnostics.
 */
public interface SectionSource {

  /** The section's options in file order, or empty when it is not defined. */
  Optional<Map<String, Value>> section(String name) throws ConfigException;

  /**
   * Where problems that no line holds are reported, such as a missing section: the file, line 0.
   */
  Location origin();

  /** A source over sections already in memory, in the given order. */
  static SectionSource of(Location origin, Map<String, Map<String, Value>> sections) {
    Objects.requireNonNull(origin, "origin");
    Map<String, Map<String, Value>> copy = new LinkedHashMap<>();
    sections.forEach((name, options) -> copy.put(name, new LinkedHashMap<>(options)));
    return new SectionSource() {
      @Override
      public Optional<Map<String, Value>> section(String name) {
        return Optional.ofNullable(copy.get(name)).map(java.util.Collections::unmodifiableMap);
      }

      @Override
      public Location origin() {
        return origin;
      }

      @Override
      public String toString() {
        return "sections of " + origin;
      }
    };
  }
}
