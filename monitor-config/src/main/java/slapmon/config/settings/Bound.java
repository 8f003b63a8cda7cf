package slapmon.config.settings;

import java.util.List;
import java.util.Objects;
import slapmon.config.Diagnostic;

/** Settings that bound without errors, with the warnings found on the way (never an error). */
public record Bound<T>(T value, List<Diagnostic> warnings) {
  public Bound {
    Objects.requireNonNull(value, "value");
    warnings = List.copyOf(warnings);
    if (warnings.stream().anyMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("a bound value carries warnings only, got " + warnings);
    }
  }
}
