package slapmon.runtime.http;

import io.undertow.server.handlers.resource.PathResource;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Date;
import java.util.function.Predicate;

/**
 * The files of one served folder, each looked up with one {@code lstat} when no symlink is on its
 * way: Undertow's {@code PathResourceManager} walked every request's path up to {@code /} and
 * resolved it component by component (15 {@code statx}, 6 {@code readlink} per small GET), and
 * its resource stat'ed the file again for each header. A symlink below the folder, anywhere on
 * the path, is followed only when its real path lies in the reachable folders (the served ones
 * and the path-list targets, compared by whole names), as the file's own real path must; a path
 * with {@code ..}, {@code .} or a NUL names nothing.
 */
final class FolderFiles implements StaticFiles.WithoutChangeListeners {
  private final Path folder;
  /** What Undertow's resource needs to serve a body (its transfer size); never looks up. */
  private final PathResourceManager serving;
  private final Predicate<Path> reachable;

  FolderFiles(Path folder, PathResourceManager serving, Predicate<Path> reachable) {
    this.folder = folder.toAbsolutePath();
    this.serving = serving;
    this.reachable = reachable;
  }

  /** Below this size Undertow reads the file into its pooled buffers (see StaticFiles). */
  long transferMinSize() {
    return serving.getTransferMinSize();
  }

  @Override
  public Resource getResource(String path) {
    String relative = relative(path);
    if (relative == null) {
      return null;
    }
    try {
      Path file = relative.isEmpty() ? folder : folder.resolve(relative);
      BasicFileAttributes shown = relative.isEmpty()
          ? Files.readAttributes(folder, BasicFileAttributes.class) // the folder may be a link
          : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (shown.isSymbolicLink() || linkAbove(relative)) {
        if (!linksLeadInside(relative)) {
          return null;
        }
        shown = Files.readAttributes(file, BasicFileAttributes.class);
      }
      return new LookedUpFile(file, serving, path, shown);
    } catch (IOException | InvalidPathException missingOrDangling) {
      return null;
    }
  }

  /** The path below the folder, without its slashes at either end; null for a path that climbs. */
  private static String relative(String path) {
    int from = 0;
    int to = path.length();
    while (from < to && path.charAt(from) == '/') {
      from++;
    }
    while (to > from && path.charAt(to - 1) == '/') {
      to--;
    }
    String relative = path.substring(from, to);
    if (relative.indexOf('\0') >= 0) {
      return null;
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return null;
      }
    }
    return relative;
  }

  /** Whether a folder between the served one and the named entry is a symlink. */
  private boolean linkAbove(String relative) throws IOException {
    for (int slash = relative.indexOf('/'); slash >= 0; slash = relative.indexOf('/', slash + 1)) {
      Path above = folder.resolve(relative.substring(0, slash));
      if (Files.readAttributes(above, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isSymbolicLink()) {
        return true;
      }
    }
    return false;
  }

  /** Whether every symlink on the path, and where the path leads, lies in the reachable folders. */
  private boolean linksLeadInside(String relative) throws IOException {
    for (int end = relative.indexOf('/'); ; end = relative.indexOf('/', end + 1)) {
      Path step = folder.resolve(end < 0 ? relative : relative.substring(0, end));
      if (Files.isSymbolicLink(step) && !reachable.test(step.toRealPath())) {
        return false;
      }
      if (end < 0) {
        return reachable.test(folder.resolve(relative).toRealPath());
      }
    }
  }

  @Override
  public void close() {}

  /** A resource as this look-up found it: its attributes, as one stat gave them. */
  interface LookedUp {
    BasicFileAttributes attributes();
  }

  /**
   * Undertow's file resource (its body and range serving kept), with what its headers need taken
   * from the one look-up instead of a stat each, and its date put together by hand.
   */
  private static final class LookedUpFile extends PathResource implements LookedUp {
    private final BasicFileAttributes attributes;

    LookedUpFile(Path file, PathResourceManager serving, String path, BasicFileAttributes attributes) {
      super(file, serving, path);
      this.attributes = attributes;
    }

    @Override
    public BasicFileAttributes attributes() {
      return attributes;
    }

    @Override
    public Date getLastModified() {
      return new Date(attributes.lastModifiedTime().toMillis());
    }

    @Override
    public String getLastModifiedString() {
      return HttpDate.of(attributes.lastModifiedTime().toInstant());
    }

    @Override
    public boolean isDirectory() {
      return attributes.isDirectory();
    }

    @Override
    public Long getContentLength() {
      return attributes.size();
    }
  }
}
