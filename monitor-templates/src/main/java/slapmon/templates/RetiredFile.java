package slapmon.templates;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file an earlier render wrote that this one replaces by something else: removed when it still
 * starts with the heading slapmon gave it, left alone otherwise (someone else's file).
 *
 * @param path where the earlier render wrote it
 * @param heading how slapmon's version of the file starts
 * @param replacement what takes its place, for the render's report
 */
public record RetiredFile(Path path, String heading, Path replacement) {
  public RetiredFile {
    Objects.requireNonNull(path, "path");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("path must be absolute, got '" + path + "'");
    }
    if (heading == null || heading.isEmpty()) {
      throw new IllegalArgumentException("heading must not be empty");
    }
    Objects.requireNonNull(replacement, "replacement");
  }
}
