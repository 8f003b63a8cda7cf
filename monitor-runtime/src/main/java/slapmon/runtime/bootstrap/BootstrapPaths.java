package slapmon.runtime.bootstrap;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import slapmon.config.settings.MonitorSection;

/**
 * The paths the bootstrap lays out (SPEC §A.2, §A.5.2): the three trees, the success marker and
 * the partition paths linked into the public and private trees; every path is absolute.
 *
 * @param publicFolder {@code public-folder}
 * @param privateFolder {@code private-folder}
 * @param webdavFolder {@code webdav-folder}
 * @param promiseOutputFile {@code promise-output-file}, the empty "bootstrap succeeded" marker
 * @param publicPaths {@code public-path-list}, each linked as {@code public-folder/<basename>}
 * @param privatePaths {@code private-path-list}, each linked as {@code private-folder/<basename>}
 * @param slapgridResults slapgrid's promise result folder, when monitor.conf has {@code
 *     [promises]}: published as {@code public-folder/promise}, as the original stack links it
 */
public record BootstrapPaths(
    Path publicFolder,
    Path privateFolder,
    Path webdavFolder,
    Path promiseOutputFile,
    List<Path> publicPaths,
    List<Path> privatePaths,
    Optional<Path> slapgridResults) {

  /** Where slapgrid's results are published, in the public folder (SPEC §B.3). */
  public static final String PROMISE_RESULTS = "promise";

  public BootstrapPaths {
    absolute(publicFolder, "publicFolder");
    absolute(privateFolder, "privateFolder");
    absolute(webdavFolder, "webdavFolder");
    absolute(promiseOutputFile, "promiseOutputFile");
    publicPaths = List.copyOf(publicPaths);
    privatePaths = List.copyOf(privatePaths);
    publicPaths.forEach(path -> absolute(path, "publicPaths"));
    privatePaths.forEach(path -> absolute(path, "privatePaths"));
    slapgridResults.ifPresent(path -> absolute(path, "slapgridResults"));
  }

  /** The paths of a {@code [monitor]} section, without slapgrid's results. */
  public static BootstrapPaths of(MonitorSection monitor) {
    return of(monitor, Optional.empty());
  }

  /** The paths of a {@code [monitor]} section, slapgrid's result folder published when given. */
  public static BootstrapPaths of(MonitorSection monitor, Optional<Path> slapgridResults) {
    return new BootstrapPaths(
        monitor.folders().publicFolder(),
        monitor.folders().privateFolder(),
        monitor.folders().webdavFolder(),
        monitor.folders().promiseOutputFile(),
        monitor.linkedPaths().publicPaths(),
        monitor.linkedPaths().privatePaths(),
        slapgridResults);
  }

  /** {@code private/config/.jio_documents}: the config documents' folder. */
  public Path configDocuments() {
    return privateFolder.resolve("config").resolve(".jio_documents");
  }

  /** {@code private/data/.jio_documents}: the data folder, also {@code private/documents}. */
  public Path dataDocuments() {
    return privateFolder.resolve("data").resolve(".jio_documents");
  }

  /**
   * Every folder the runtime writes whole files into: where a killed writer may have left its
   * temporary file.
   */
  public List<Path> writtenFolders() {
    return List.of(
        publicFolder,
        privateFolder,
        configDocuments(),
        dataDocuments(),
        privateFolder.resolve("documents"),
        promiseOutputFile.getParent());
  }

  /**
   * Every folder and link the bootstrap lays out, path-list links included: the monitor's own,
   * which no client may remove or replace.
   */
  public Set<Path> ownedPaths() {
    Set<Path> owned = new LinkedHashSet<>();
    Layout.entries(this).forEach(entry -> owned.add(entry.path()));
    links(publicFolder, publicPaths, owned);
    links(privateFolder, privatePaths, owned);
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
