package slapmon.config;

import java.util.Objects;

/**
 * One problem found in a configuration, in the shape a compiler reports it: where it is, which
 * section and key it concerns, and a message that says what was found and what was expected.
 *
 * <p>{@code section} and {@code key} are empty when the problem is not tied to one of them.
 */
public record Diagnostic(
    Severity severity, Location location, String section, String key, String message) {

  /** How bad a diagnostic is. Errors make a configuration unusable, warnings do not. */
  public enum Severity {
    ERROR,
    WARNING;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    section = section == null ? "" : section;
    key = key == null ? "" : key;
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(Location location, String section, String key, String message) {
    return new Diagnostic(Severity.ERROR, location, section, key, message);
  }

  public static Diagnostic warning(Location location, String section, String key, String message) {
    return new Diagnostic(Severity.WARNING, location, section, key, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line: error: [section] key: message}, the form compilers and editors understand. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(location).append(": ").append(severity.label()).append(": ");
    if (!section.isEmpty()) {
      out.append('[').append(section).append("] ");
    }
    if (!key.isEmpty()) {
      out.append(key).append(": ");
    }
    return out.append(message).toString();
  }
}
