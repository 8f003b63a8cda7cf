package slapmon.templates;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/** A folder of a partition, created with {@code mode} when missing; an existing one is kept. */
public record RenderedFolder(Path path, Set<PosixFilePermission> mode) {
  public RenderedFolder {
    Objects.requireNonNull(path, "path");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("path must be absolute, got '" + path + "'");
    }
    mode = Set.copyOf(mode);
  }
}
