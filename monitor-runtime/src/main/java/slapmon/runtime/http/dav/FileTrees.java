package slapmon.runtime.http.dav;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Recursive delete and copy of file trees that never follow a symlink below their start. */
final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code start} and everything below it; a symlink is removed, never its target. */
  static void delete(Path start) throws IOException {
    if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Copies {@code from} to {@code to}: the whole tree with {@code deep}, else the folder alone. */
  static void copy(Path from, Path to, boolean deep) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    if (!deep) {
      Files.createDirectory(to);
      return;
    }
    // The start may be a symlink that the caller already checked; below it, links are copied as links.
    Path realStart = from.toRealPath();
    Files.walkFileTree(realStart, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectory(to.resolve(realStart.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(realStart.relativize(file).toString()),
            LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
