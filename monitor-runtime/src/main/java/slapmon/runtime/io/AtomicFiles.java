package slapmon.runtime.io;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes whole files so that a reader or a crash sees the old content or the new one, never a torn
 * file (a symlink at the target is replaced, not followed). A write is {@linkplain
 * Durability#SYNCED synced} to the disk before the rename unless the caller asks for {@link
 * Durability#CACHED}.
 */
public final class AtomicFiles {
  /** {@code rw-r--r--}, the mode of a file written without an explicit one. */
  public static final Set<PosixFilePermission> DEFAULT_MODE =
      Set.copyOf(PosixFilePermissions.fromString("rw-r--r--"));

  private static final java.util.regex.Pattern TEMPORARY =
      java.util.regex.Pattern.compile("\\..+\\.tmp-[0-9a-f]+");

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code content}, mode {@code 0644}, synced. */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, DEFAULT_MODE, Durability.SYNCED);
  }

  /** Replaces {@code target} with {@code content}, mode {@code 0644}, as {@code durability} says. */
  public static void write(Path target, byte[] content, Durability durability) throws IOException {
    write(target, content, DEFAULT_MODE, durability);
  }

  /** Replaces {@code target} with {@code content} encoded as UTF-8, mode {@code 0644}. */
  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8), DEFAULT_MODE, Durability.SYNCED);
  }

  /** Replaces {@code target} with {@code content} and gives it exactly {@code mode}, synced. */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    write(target, content, mode, Durability.SYNCED);
  }

  private static void write(
      Path target, byte[] content, Set<PosixFilePermission> mode, Durability durability)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null) {
      throw new IOException(target + ": could not write file: it has no parent directory");
    }
    Path tmp =
        dir.resolve(
            "." + absolute.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    boolean moved = false;
    try {
      writeNew(tmp, content, durability);
      // The mode given at creation is subject to the umask: set it exactly.
      Files.setPosixFilePermissions(tmp, mode);
      // No fsync of the folder afterwards: the rename is atomic for readers and across a crash of
      // this process as it is; syncing the folder would only make the new name survive a power
      // cut sooner, and costs as much again as the write.
      Files.move(tmp, absolute, ATOMIC_MOVE, REPLACE_EXISTING);
      moved = true;
      WriteFailures.succeeded();
    } catch (IOException e) {
      WriteFailures.failed(absolute, e);
      throw new IOException(target + ": could not write file: " + e.getMessage(), e);
    } finally {
      if (!moved) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Whether {@code fileName} is the temporary file of a write of this class (a dotfile). */
  public static boolean isTemporary(String fileName) {
    return TEMPORARY.matcher(fileName).matches();
  }

  /**
   * Deletes the temporary files that a killed writer left in {@code dir} (the targets themselves are
   * whole: old or new). Call it before anything writes there; returns how many were removed.
   */
  public static int removeLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.tmp-*")) {
      for (Path entry : entries) {
        if (TEMPORARY.matcher(entry.getFileName().toString()).matches() && Files.deleteIfExists(entry)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Only reached when the write already failed: that failure is the one worth reporting. */
  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // The original exception is propagating.
    }
  }

  private static void writeNew(Path file, byte[] content, Durability durability) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (durability == Durability.SYNCED) {
        channel.force(true);
      }
    }
  }
}
