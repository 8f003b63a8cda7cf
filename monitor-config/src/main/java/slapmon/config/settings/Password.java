package slapmon.config.settings;

import java.util.Objects;

/** The monitor password: one non-empty line, never shown by {@link #toString()}. */
public record Password(String text) {
  public Password {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a password is one non-empty line");
    }
  }

  @Override
  public String toString() {
    return "Password[***]";
  }
}
