package slapmon.templates;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the rendered wrappers start slapmon: the {@code java} executable and the slapmon jar, both
 * absolute (the runtime passes its own JVM and jar).
 */
public record Launcher(Path java, Path jar) {
  public Launcher {
    requireAbsolute(java, "java");
    requireAbsolute(jar, "jar");
  }

  private static void requireAbsolute(Path path, String what) {
    Objects.requireNonNull(path, what);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(what + " must be an absolute path, got '" + path + "'");
    }
  }
}
