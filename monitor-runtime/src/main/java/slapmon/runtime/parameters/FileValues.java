package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the files behind parameters and checks that the editor will be able to write them. */
final class FileValues {
  private FileValues() {}

  /**
   * The problem that keeps the editor from ever writing {@code file}, if any: its folder must be
   * an existing, writable folder, and the file itself, when present, a regular file.
   */
  static Optional<String> unwritable(Path file) {
    Path folder = file.getParent();
    if (folder == null || !Files.exists(folder)) {
      return Optional.of("folder " + folder + " of " + file + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      return Optional.of(folder + ", the folder of " + file + ", is not a folder");
    }
    if (!Files.isWritable(folder)) {
      return Optional.of("folder " + folder + " of " + file + " is not writable");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      return Optional.of(file + " is not a regular file");
    }
    return Optional.empty();
  }

  /**
   * The whole content of {@code file}, verbatim (trailing newline included), decoded as UTF-8 with
   * replacement; {@code ""} when the file does not exist (it is not created).
   */
  static String read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (IOException e) {
      throw new IOException(file + ": could not read file: " + e.getMessage(), e);
    }
  }

  /**
   * The password kept in {@code file}: its content without the line end that ends it ({@code echo}
   * and most editors add one; it is not part of the password, which is one line).
   */
  static String readPassword(Path file) throws IOException {
    String content = read(file);
    if (content.endsWith("\r\n")) {
      return content.substring(0, content.length() - 2);
    }
    return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
  }
}
