package slapmon.runtime.io;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
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
      java.util.regex.Pattern.compile("\\..+\\.tmp-([0-9a-f]+)");

  /**
   * A temporary file this old is a leftover whoever wrote it: no write takes that long between its
   * last byte and its rename. Younger ones are left to a writer that is still alive.
   */
  public static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(10);

  /** The writer's pid (8 hex digits) then a random part (16): whose write a leftover was. */
  private static final int PID_DIGITS = 8;

  /** Writes the content of a file to {@code out}; the stream is not to be closed. */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

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

  /**
   * Replaces {@code target} with what {@code content} writes, mode {@code 0644}, as {@code
   * durability} says: for files too large to be held in memory whole.
   */
  public static void write(Path target, Content content, Durability durability)
      throws IOException {
    write(target, content, DEFAULT_MODE, durability);
  }

  private static void write(
      Path target, byte[] content, Set<PosixFilePermission> mode, Durability durability)
      throws IOException {
    write(target, out -> out.write(content), mode, durability);
  }

  private static void write(
      Path target, Content content, Set<PosixFilePermission> mode, Durability durability)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null) {
      throw new IOException(target + ": could not write file: it has no parent directory");
    }
    Path tmp = temporaryFor(absolute);
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
   * A hidden name beside {@code target}, {@code .NAME.tmp-PPPPPPPPRRRRRRRRRRRRRRRR}: the writer's
   * pid, so that a sweep can tell a leftover from a write in progress, then a random part.
   */
  private static Path temporaryFor(Path target) {
    String pid = Long.toHexString(ProcessHandle.current().pid());
    // Not String.format: the start's first write (the pid file) paid its first use.
    return target.resolveSibling(
        "." + target.getFileName() + ".tmp-" + "0".repeat(Math.max(0, PID_DIGITS - pid.length()))
            + pid + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
  }

  /**
   * Deletes the temporary files that writers which are gone left in {@code dir} (the targets
   * themselves are whole: old or new): those of a process that no longer runs, and any older than
   * {@link #STALE_AFTER}. The temporary file of a write in progress, in this process or another
   * one (a {@code slapmon promise run} beside {@code slapmon run}), is left alone. Safe to call at
   * any time; returns how many were removed.
   */
  public static int removeLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    java.time.Instant staleBefore = java.time.Instant.now().minus(STALE_AFTER);
    int removed = 0;
    try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.tmp-*")) {
      for (Path entry : entries) {
        java.util.regex.Matcher name = TEMPORARY.matcher(entry.getFileName().toString());
        if (name.matches() && isLeftover(entry, name.group(1), staleBefore)
            && Files.deleteIfExists(entry)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean isLeftover(Path temporary, String suffix, java.time.Instant staleBefore)
      throws IOException {
    try {
      if (Files.getLastModifiedTime(temporary, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          .toInstant()
          .isBefore(staleBefore)) {
        return true;
      }
    } catch (java.nio.file.NoSuchFileException e) {
      return false; // renamed by its writer meanwhile
    }
    if (suffix.length() != PID_DIGITS + 16) {
      return false; // another naming: only its age tells
    }
    long pid = Long.parseLong(suffix.substring(0, PID_DIGITS), 16);
    return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
  }

  /** Only reached when the write already failed: that failure is the one worth reporting. */
  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // The original exception is propagating.
    }
  }

  private static void writeNew(Path file, Content content, Durability durability)
      throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      java.io.OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
      content.writeTo(out);
      out.flush();
      if (durability == Durability.SYNCED) {
        channel.force(true);
      }
    }
  }
}
