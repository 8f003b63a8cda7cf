package slapmon.config.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code public-path-list} and {@code private-path-list}: files and folders of the partition that
 * are linked into the public and private trees, each an absolute path.
 */
public record LinkedPaths(List<Path> publicPaths, List<Path> privatePaths) {
  public LinkedPaths {
    publicPaths = Checks.allAbsolute(List.copyOf(publicPaths), "publicPaths");
    privatePaths = Checks.allAbsolute(List.copyOf(privatePaths), "privatePaths");
  }

  /** The original template's default: nothing public, the partition's {@code var/log} private. */
  public static LinkedPaths defaultsUnder(Path partition) {
    return new LinkedPaths(
        List.of(), List.of(Checks.absolute(partition, "partition").resolve("var/log")));
  }
}
