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

/**
 * Writes whole files so that a reader or a crash sees the old content or the new one, never a torn
 * file (a symlink at the target is replaced, not followed).
 */
public final class AtomicFiles {
  /** {@code rw-r--r--}, the mode of a file written without an explicit one. */
  public static final Set<PosixFilePermission> DEFAULT_MODE =
      Set.copyOf(PosixFilePermissions.fromString("rw-r--r--"));

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code content}, mode {@code 0644}. */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, DEFAULT_MODE);
  }

  /** Replaces {@code target} with {@code content} encoded as UTF-8, mode {@code 0644}. */
  public static void writeString(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8), DEFAULT_MODE);
  }

  /** Replaces {@code target} with {@code content} and gives it exactly {@code mode}. */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null) {
      throw new IOException(target + ": could not write file: it has no parent directory");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".tmp-", "");
      // createTempFile makes 0600 and a mode given at creation is subject to the umask: chmod
      // instead.
      Files.setPosixFilePermissions(tmp, mode);
      writeAndForce(tmp, content);
      Files.move(tmp, absolute, ATOMIC_MOVE, REPLACE_EXISTING);
      tmp = null;
      forceDirectory(dir);
    } catch (IOException e) {
      throw new IOException(target + ": could not write file: " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Only reached when the write already failed: that failure is the one worth reporting. */
  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // The original exception is propagating.
    }
  }

  private static void writeAndForce(Path file, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Makes the rename itself durable; some platforms refuse to open or sync a directory. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException refused) {
      // The file is already in place; only its durability across a power cut is weaker here.
    }
  }
}
