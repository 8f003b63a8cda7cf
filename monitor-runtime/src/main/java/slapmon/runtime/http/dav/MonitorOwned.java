package slapmon.runtime.http.dav;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The folders and links the monitor lays out itself (given by the bootstrap): a client may change
 * what is in them, never remove, move or replace them, nor anything that holds one.
 */
final class MonitorOwned {
  private final List<Path> locations;

  /** {@code owned} as the bootstrap names them; compared by where each sits on disk. */
  MonitorOwned(Set<Path> owned) {
    this.locations = owned.stream().map(MonitorOwned::location).toList();
  }

  private static Path location(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    return parent == null || name == null
        ? absolute
        : DavPaths.resolved(parent).resolve(name.toString());
  }

  /** Fails with 403 when removing or replacing the entry at {@code location} would take one. */
  void requireNotOwned(Path location, String relative, String action) {
    for (Path owned : locations) {
      if (owned.startsWith(location)) {
        throw new DavError(403, relative + ": cannot " + action + " it: "
            + (owned.equals(location) ? "it is" : "it holds")
            + " a folder or link the monitor lays out itself");
      }
    }
  }
}
