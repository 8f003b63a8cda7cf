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
import slapmon.config.layout.PartitionLayout;

/**
 * The fixed part of the partition tree (SPEC §A.2, §A.5.2, §A.13): public, private and WebDAV
 * folders, the jIO document folders and the links between them.
 */
final class Layout {
  /** The private tree holds the plain-text password (SPEC D.38, D.40): owner only, if new. */
  private static final Set<PosixFilePermission> PRIVATE_MODE =
      Set.copyOf(PosixFilePermissions.fromString("rwx------"));

  /** Names in {@code private/} that the layout owns: a linked path cannot take them. */
  static final Set<String> PRIVATE_NAMES = Set.copyOf(PartitionLayout.PRIVATE_NAMES);

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
    PartitionLayout layout = paths.layout();
    Path privateFolder = layout.privateFolder();
    List<Entry> entries = new java.util.ArrayList<>(List.of(
        Entry.folder(layout.publicFolder()),
        Entry.folder(privateFolder, PRIVATE_MODE),
        Entry.folder(layout.configFolder()),
        Entry.folder(layout.configDocuments()),
        Entry.folder(layout.dataFolder()),
        Entry.folder(layout.dataDocuments()),
        Entry.link(layout.documents(), layout.dataDocuments()),
        Entry.folder(layout.webdavFolder()),
        Entry.link(layout.webdavPublic(), layout.publicFolder()),
        Entry.link(layout.webdavPrivate(), privateFolder),
        Entry.folder(layout.jioPublic()),
        Entry.link(layout.jioPublicDocuments(), layout.publicFolder()),
        Entry.folder(layout.jioPrivate()),
        Entry.link(layout.jioPrivateDocuments(), privateFolder),
        Entry.link(layout.jioPrivateData(), layout.dataFolder()),
        Entry.link(layout.jioPrivateConfig(), layout.configFolder())));
    paths.slapgridResults().ifPresent(results -> {
      // Made if missing, as slapgrid would make it: the link is then never dangling.
      entries.add(Entry.folder(results));
      entries.add(Entry.link(layout.publishedSlapgridResults(), results));
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
