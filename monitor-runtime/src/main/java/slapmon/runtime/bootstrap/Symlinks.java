package slapmon.runtime.bootstrap;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes a path a symbolic link to a target: a missing link is created, a link to another target is
 * replaced in one rename (SPEC D.30), anything else in the way is left alone and reported.
 */
final class Symlinks {
  private Symlinks() {}

  /** Empty when {@code link} now points to {@code target}, otherwise the problem. */
  static Optional<String> ensure(Path link, Path target) {
    try {
      if (Files.isSymbolicLink(link)) {
        if (!Files.readSymbolicLink(link).equals(target)) {
          replace(link, target);
        }
      } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(
            link + ": expected a symbolic link to " + target + ", found "
                + (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS) ? "a folder" : "a file")
                + "; left alone");
      } else {
        Files.createSymbolicLink(link, target);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          link + ": could not link to " + target + ": " + e.getClass().getSimpleName() + " "
              + e.getMessage());
    }
  }

  /** A new link next to the old one, renamed over it: readers see one target or the other. */
  private static void replace(Path link, Path target) throws IOException {
    Path tmp =
        link.resolveSibling(
            "." + link.getFileName() + ".link-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    Files.createSymbolicLink(tmp, target);
    try {
      Files.move(tmp, link, ATOMIC_MOVE, REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
