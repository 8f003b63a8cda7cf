package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import slapmon.runtime.io.AtomicFiles;

/** A validated new value of one parameter, ready to be written. */
interface Change {
  /** Writes the value; an I/O problem is a failed result naming the file, never an exception. */
  KeyResult apply();

  /** The mode {@code file} has now, to keep across a rewrite; {@code fallback} if it is new. */
  static Set<PosixFilePermission> modeOf(Path file, Set<PosixFilePermission> fallback)
      throws IOException {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (NoSuchFileException e) {
      return fallback;
    }
  }

  /** The bytes of {@code file}, or empty when it does not exist: what to put back on failure. */
  static Optional<byte[]> contentOf(Path file) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Puts {@code file} back as {@link #contentOf} saw it; a failure here only adds to the reason. */
  static String restore(Path file, Optional<byte[]> before, Set<PosixFilePermission> mode) {
    try {
      if (before.isPresent()) {
        AtomicFiles.write(file, before.get(), mode);
      } else {
        Files.deleteIfExists(file);
      }
      return file + " was put back as it was";
    } catch (IOException e) {
      return file + " could not be put back: " + e.getMessage();
    }
  }

  /** A failure reason that names {@code file} once, whatever the exception's message holds. */
  static String describe(Path file, IOException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith(file + ": ")) {
      return message;
    }
    String detail = message.isEmpty() || message.equals(file.toString()) ? "" : ": " + message;
    return file + ": " + e.getClass().getSimpleName() + detail;
  }
}
