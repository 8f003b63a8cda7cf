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

  /** One path of the layout: a folder (with a mode when new, if given) or a link to a target. */
  record Entry(Path path, Optional<Path> linkTarget, Optional<Set<PosixFilePermission>> mode) {
    static Entry folder(Path path) {
      return new Entry(path, Optional.empty(), Optional.empty());
    }

    static Entry folder(Path path, Set<PosixFilePermission> mode) {
      return new Entry(path, Optional.empty(), Optional.of(mode));
    }

    static Entry link(Path path, Path target) {
      return new Entry(path, Optional.of(target), Optional.empty());
    }
  }

  /** The folders and links of the layout, each after its parent: what {@link #apply} makes. */
  static List<Entry> entries(BootstrapPaths paths) {
    Path privateFolder = paths.privateFolder();
    Path webdav = paths.webdavFolder();
    Path jioPublic = webdav.resolve("jio_public");
    Path jioPrivate = webdav.resolve("jio_private");
    List<Entry> entries = new java.util.ArrayList<>(List.of(
        Entry.folder(paths.publicFolder()),
        Entry.folder(privateFolder, PRIVATE_MODE),
        Entry.folder(paths.configDocuments().getParent()),
        Entry.folder(paths.configDocuments()),
        Entry.folder(paths.dataDocuments().getParent()),
        Entry.folder(paths.dataDocuments()),
        Entry.link(privateFolder.resolve("documents"), paths.dataDocuments()),
        Entry.folder(webdav),
        Entry.link(webdav.resolve("public"), paths.publicFolder()),
        Entry.link(webdav.resolve("private"), privateFolder),
        Entry.folder(jioPublic),
        Entry.link(jioPublic.resolve(".jio_documents"), paths.publicFolder()),
        Entry.folder(jioPrivate),
        Entry.link(jioPrivate.resolve(".jio_documents"), privateFolder),
        Entry.link(jioPrivate.resolve("data"), privateFolder.resolve("data")),
        Entry.link(jioPrivate.resolve("config"), privateFolder.resolve("config"))));
    paths.slapgridResults().ifPresent(results -> {
      // Made if missing, as slapgrid would make it: the link is then never dangling.
      entries.add(Entry.folder(results));
      Path published = paths.publicFolder().resolve(BootstrapPaths.PROMISE_RESULTS);
      entries.add(Entry.link(published, results));
    });
    return List.copyOf(entries);
  }

  void apply() {
    for (Entry entry : entries(paths)) {
      if (entry.linkTarget().isPresent()) {
        Symlinks.ensure(entry.path(), entry.linkTarget().get()).ifPresent(problems::add);
      } else {
        folder(entry.path(), entry.mode());
      }
    }
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
