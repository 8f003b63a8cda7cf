package slapmon.config;

import java.nio.file.Path;
import java.util.Objects;

/** Where a piece of configuration text came from: a file and a 1-based line number. */
public record Location(Path file, int line) {
  public Location {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  /** A location for values that no file wrote, such as built-in defaults. */
  public static Location builtIn(String what) {
    return new Location(Path.of("<" + what + ">"), 0);
  }

  public boolean isBuiltIn() {
    return line == 0;
  }

  @Override
  public String toString() {
    return line == 0 ? file.toString() : file + ":" + line;
  }
}
