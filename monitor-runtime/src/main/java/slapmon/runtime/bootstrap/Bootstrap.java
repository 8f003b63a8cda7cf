package slapmon.runtime.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import slapmon.runtime.io.AtomicFiles;

/**
 * Lays out the partition tree and writes the config documents at runtime start (SPEC §A.5.1,
 * §A.5.2, §A.5.7, §A.5.10), idempotently; the empty success marker is present afterwards exactly
 * when no problem was found, and is never removed before the work is done (SPEC D.18).
 */
public final class Bootstrap {
  /** Writes the config documents (the parameters' own files); returns the problems. */
  @FunctionalInterface
  public interface Documents {
    List<String> write();
  }

  private final BootstrapPaths paths;
  private final Documents documents;

  public Bootstrap(BootstrapPaths paths, Documents documents) {
    this.paths = Objects.requireNonNull(paths, "paths");
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /** Lays out, links, writes the documents, then writes or removes the marker; never throws. */
  public BootstrapResult run() {
    List<String> problems = new ArrayList<>();
    new Layout(paths, problems).apply();
    removeLeftovers(problems);
    LinkedPathLinks links = new LinkedPathLinks(problems);
    links.link(paths.publicFolder(), paths.publicPaths(), Set.of(), "public-path-list");
    links.link(
        paths.privateFolder(), paths.privatePaths(), Layout.PRIVATE_NAMES, "private-path-list");
    problems.addAll(documents.write());
    marker(problems);
    return new BootstrapResult(problems);
  }

  /** The temporary files of writes cut short by a kill: the files themselves are whole. */
  private void removeLeftovers(List<String> problems) {
    for (Path folder : paths.writtenFolders()) {
      try {
        AtomicFiles.removeLeftovers(folder);
      } catch (IOException e) {
        problems.add(folder + ": could not remove the temporary files of an earlier run: " + e.getMessage());
      }
    }
  }

  private void marker(List<String> problems) {
    Path marker = paths.promiseOutputFile();
    if (problems.isEmpty()) {
      try {
        AtomicFiles.write(marker, new byte[0]);
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
    } else {
      try {
        Files.deleteIfExists(marker);
      } catch (IOException e) {
        problems.add(marker + ": could not remove the stale bootstrap marker: " + e.getMessage());
      }
    }
  }
}
