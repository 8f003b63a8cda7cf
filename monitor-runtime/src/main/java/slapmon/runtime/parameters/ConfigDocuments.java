package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.ParameterLine;
import slapmon.runtime.io.AtomicFiles;

/**
 * Writes {@code config.json}, {@code config.parameters.json} and the knowledge0 cfg from the
 * parameter list (SPEC §A.5.7), each atomically; a parameter that cannot be read is reported and
 * left out while the others are written (SPEC D.29).
 */
public final class ConfigDocuments {
  /** config.json and the knowledge0 cfg hold the monitor password: owner only (SPEC D.40). */
  private static final Set<PosixFilePermission> SECRET =
      Set.copyOf(PosixFilePermissions.fromString("rw-------"));

  private final Path folder;
  private final Path knowledgeFile;
  private final List<ParameterLine> parameters;

  /**
   * @param folder {@code private/config/.jio_documents}, which must exist
   * @param knowledgeFile {@code parameter-file-path}, whose folder must exist
   * @param parameters {@code parameter-list}
   */
  public ConfigDocuments(Path folder, Path knowledgeFile, List<ParameterLine> parameters) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.knowledgeFile = Objects.requireNonNull(knowledgeFile, "knowledgeFile");
    this.parameters = List.copyOf(parameters);
  }

  /** Writes the three files; returns the problems, empty when every parameter was written. */
  public List<String> write() {
    List<String> problems = new ArrayList<>();
    EntryReader reader = new EntryReader(problems);
    List<Entry> entries = new ArrayList<>();
    for (ParameterLine line : parameters) {
      reader.read(line).ifPresent(entries::add);
    }
    write(folder.resolve(PartitionLayout.ConfigFiles.CONFIG), JsonDocuments.config(entries), SECRET, problems);
    write(
        folder.resolve(PartitionLayout.ConfigFiles.PARAMETERS),
        JsonDocuments.parameters(entries),
        AtomicFiles.DEFAULT_MODE,
        problems);
    String knowledge = KnowledgeFile.render(entries, problems);
    write(knowledgeFile, knowledge.getBytes(StandardCharsets.UTF_8), SECRET, problems);
    return problems;
  }

  private static void write(
      Path file, byte[] content, Set<PosixFilePermission> mode, List<String> problems) {
    try {
      AtomicFiles.write(file, content, mode);
    } catch (IOException e) {
      problems.add(e.getMessage());
    }
  }
}
