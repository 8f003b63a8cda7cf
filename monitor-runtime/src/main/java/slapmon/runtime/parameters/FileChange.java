package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import slapmon.runtime.io.AtomicFiles;

/** A {@code file} parameter's new content, written as the original did: stripped (SPEC §A.7.3). */
final class FileChange implements Change {
  private final Path file;
  private final String content;

  FileChange(Path file, String content) {
    this.file = file;
    this.content = content;
  }

  @Override
  public KeyResult apply() {
    try {
      AtomicFiles.write(
          file,
          content.getBytes(StandardCharsets.UTF_8),
          Change.modeOf(file, AtomicFiles.DEFAULT_MODE));
      return KeyResult.applied();
    } catch (IOException e) {
      return KeyResult.failed(Change.describe(file, e));
    }
  }

  @Override
  public String toString() {
    return "file-change(" + file + ")";
  }
}
