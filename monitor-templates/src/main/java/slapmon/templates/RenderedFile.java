package slapmon.templates;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;

/**
 * One file of a partition: where, its UTF-8 text, its exact mode, and whether later renders keep it
 * in step with the settings or leave it to the operator.
 */
public record RenderedFile(
    Path path, String content, Set<PosixFilePermission> mode, Policy policy) {

  /** What a render does with a file that already exists. */
  public enum Policy {
    /** Rewritten whenever its bytes or mode differ from the rendering. */
    REPLACE,
    /**
     * Written only when missing or empty, then never again: the web interface or the operator edits
     * it (password, promise timeout, files of {@code file} parameters).
     */
    CREATE_ONCE
  }

  public RenderedFile {
    Objects.requireNonNull(path, "path");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("path must be absolute, got '" + path + "'");
    }
    Objects.requireNonNull(content, "content");
    mode = Set.copyOf(mode);
    Objects.requireNonNull(policy, "policy");
  }
}
