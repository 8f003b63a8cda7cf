package slapmon.runtime.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;

/**
 * Writes {@code FOLDER/_document_list} (SPEC §A.8.5): the names of the folder's {@code *.json}
 * files without that extension, sorted, one a line, no trailing newline; dotfiles (the temporary
 * files of atomic writes among them) are left out.
 */
final class DocumentLists {
  static final String FILE = "_document_list";

  private DocumentLists() {}

  static void write(Path folder) throws IOException {
    AtomicFiles.write(
        folder.resolve(FILE),
        String.join("\n", names(folder)).getBytes(StandardCharsets.UTF_8),
        Durability.CACHED);
  }

  static List<String> names(Path folder) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
      for (Path file : stream) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && Files.isRegularFile(file)) {
          names.add(name.substring(0, name.length() - ".json".length()));
        }
      }
    }
    names.sort(null);
    return names;
  }
}
