package slapmon.runtime.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed part of the partition tree (SPEC §A.2, §A.5.2, §A.13): public, private and WebDAV
 * folders, the jIO document folders and the links between them.
 */
final class Layout {
  /** The private tree holds the plain-text password (SPEC D.38, D.40): owner only, if new. */
  private static final Set<PosixFilePermission> PRIVATE_MODE =
      Set.copyOf(PosixFilePermissions.fromString("rwx------"));

  /** Names in {@code private/} that the layout owns: a linked path cannot take them. */
  static final Set<String> PRIVATE_NAMES = Set.of("config", "data", "documents");

  private final BootstrapPaths paths;
  private final List<String> problems;

  Layout(BootstrapPaths paths, List<String> problems) {
    this.paths = paths;
    this.problems = problems;
  }

  void apply() {
    Path publicFolder = paths.publicFolder();
    Path privateFolder = paths.privateFolder();
    Path webdav = paths.webdavFolder();
    folder(publicFolder, Optional.empty());
    folder(privateFolder, Optional.of(PRIVATE_MODE));
    folder(paths.configDocuments(), Optional.empty());
    folder(paths.dataDocuments(), Optional.empty());
    link(privateFolder.resolve("documents"), paths.dataDocuments());

    folder(webdav, Optional.empty());
    link(webdav.resolve("public"), publicFolder);
    link(webdav.resolve("private"), privateFolder);
    folder(webdav.resolve("jio_public"), Optional.empty());
    link(webdav.resolve("jio_public").resolve(".jio_documents"), publicFolder);
    Path jioPrivate = webdav.resolve("jio_private");
    folder(jioPrivate, Optional.empty());
    link(jioPrivate.resolve(".jio_documents"), privateFolder);
    link(jioPrivate.resolve("data"), privateFolder.resolve("data"));
    link(jioPrivate.resolve("config"), privateFolder.resolve("config"));
  }

  private void link(Path link, Path target) {
    Symlinks.ensure(link, target).ifPresent(problems::add);
  }

  /** Creates a missing folder (with {@code mode} when given); an existing one is kept as it is. */
  private void folder(Path folder, Optional<Set<PosixFilePermission>> mode) {
    if (Files.isDirectory(folder)) {
      return;
    }
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(folder + ": expected a folder, found " + kind(folder) + "; left alone");
      return;
    }
    try {
      Files.createDirectories(folder);
      if (mode.isPresent()) {
        Files.setPosixFilePermissions(folder, mode.get());
      }
    } catch (IOException e) {
      problems.add(
          folder + ": could not create folder: " + e.getClass().getSimpleName() + " "
              + e.getMessage());
    }
  }

  private static String kind(Path path) {
    if (!Files.isSymbolicLink(path)) {
      return "a file";
    }
    return Files.exists(path) ? "a symbolic link to a file" : "a dangling symbolic link";
  }
}
