package slapmon.runtime.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.io.Durability;

/**
 * Writes {@code FOLDER/_document_list} (SPEC §A.8.5): the names of the folder's {@code *.json}
 * files without that extension, sorted, one a line, no trailing newline; dotfiles (the temporary
 * files of atomic writes among them) are left out, and so are the files of a folder that are no
 * documents for jIO clients: the OfficeJS app takes every name listed for a document of the
 * instance.
 */
final class DocumentLists {
  static final String FILE = "_document_list";

  private DocumentLists() {}

  static void write(Path folder) throws IOException {
    write(folder, Set.of());
  }

  /** The list of {@code folder} without {@code notDocuments} (names without {@code .json}). */
  static void write(Path folder, Set<String> notDocuments) throws IOException {
    List<String> names = names(folder);
    names.removeAll(notDocuments);
    AtomicFiles.write(
        folder.resolve(FILE),
        String.join("\n", names).getBytes(StandardCharsets.UTF_8),
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
