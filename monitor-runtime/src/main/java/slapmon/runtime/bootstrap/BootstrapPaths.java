package slapmon.runtime.bootstrap;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import slapmon.config.layout.PartitionLayout;

/**
 * The paths the bootstrap lays out (SPEC §A.2, §A.5.2): the partition's layout (the three trees,
 * the success marker, the documents' folders, slapgrid's results in today's layout) and the
 * partition paths linked into the public and private trees; every path is absolute.
 *
 * @param layout the partition's layout
 * @param publicPaths {@code public-path-list}, each linked as {@code public-folder/<basename>}
 * @param privatePaths {@code private-path-list}, each linked as {@code private-folder/<basename>}
 */
public record BootstrapPaths(PartitionLayout layout, List<Path> publicPaths, List<Path> privatePaths) {

  public BootstrapPaths {
    Objects.requireNonNull(layout, "layout");
    publicPaths = List.copyOf(publicPaths);
    privatePaths = List.copyOf(privatePaths);
    publicPaths.forEach(path -> absolute(path, "publicPaths"));
    privatePaths.forEach(path -> absolute(path, "privatePaths"));
  }

  /** {@code public-folder}. */
  public Path publicFolder() {
    return layout.publicFolder();
  }

  /** {@code private-folder}. */
  public Path privateFolder() {
    return layout.privateFolder();
  }

  /** {@code webdav-folder}. */
  public Path webdavFolder() {
    return layout.webdavFolder();
  }

  /** {@code promise-output-file}, the empty "bootstrap succeeded" marker. */
  public Path promiseOutputFile() {
    return layout.promiseOutputFile();
  }

  /**
   * slapgrid's promise result folder, when monitor.conf has {@code [promises]}: published as
   * {@code public-folder/promise}, as the original stack links it.
   */
  public Optional<Path> slapgridResults() {
    return layout.today() ? Optional.of(layout.slapgridResults()) : Optional.empty();
  }

  /** {@code private/config/.jio_documents}: the config documents' folder. */
  public Path configDocuments() {
    return layout.configDocuments();
  }

  /** {@code private/data/.jio_documents}: the data folder, also {@code private/documents}. */
  public Path dataDocuments() {
    return layout.dataDocuments();
  }

  /**
   * Every folder the runtime writes whole files into: where a killed writer may have left its
   * temporary file.
   */
  public List<Path> writtenFolders() {
    return layout.writtenFolders();
  }

  /**
   * Every folder and link the bootstrap lays out, path-list links included: the monitor's own,
   * which no client may remove or replace.
   */
  public Set<Path> ownedPaths() {
    Set<Path> owned = new LinkedHashSet<>();
    Layout.entries(this).forEach(entry -> owned.add(entry.path()));
    links(publicFolder(), publicPaths, owned);
    links(privateFolder(), privatePaths, owned);
    return Set.copyOf(owned);
  }

  private static void links(Path folder, List<Path> targets, Set<Path> owned) {
    for (Path target : targets) {
      if (target.getFileName() != null) {
        owned.add(folder.resolve(target.getFileName().toString()));
      }
    }
  }

  private static void absolute(Path path, String what) {
    Objects.requireNonNull(path, what);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(what + " must be absolute, got '" + path + "'");
    }
  }
}
