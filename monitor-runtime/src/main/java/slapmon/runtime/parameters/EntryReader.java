package slapmon.runtime.parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.FileParameter;
import slapmon.config.settings.ParameterLine.HtpasswdParameter;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;
import slapmon.config.settings.ParameterLine.Raw;
import slapmon.runtime.io.AtomicFiles;

/**
 * Turns each parameter line into its {@link Entry} (SPEC §A.5.7); a line that cannot be shown or
 * edited is reported, quoting it, and skipped, and never stops the others (SPEC D.29).
 */
final class EntryReader {
  private final List<String> problems;

  EntryReader(List<String> problems) {
    this.problems = problems;
  }

  Optional<Entry> read(ParameterLine line) {
    try {
      if (line instanceof Raw) {
        Raw raw = (Raw) line;
        return Optional.of(new Entry("", raw.title(), raw.value(), Map.of()));
      } else if (line instanceof FileParameter) {
        return file((FileParameter) line);
      } else if (line instanceof HtpasswdParameter) {
        return htpasswd((HtpasswdParameter) line);
      } else if (line instanceof HttpdCorsParameter) {
        return httpdCors((HttpdCorsParameter) line);
      }
      throw new IllegalStateException("unknown parameter line " + line);
    } catch (IOException e) {
      return skip(line, e.getMessage());
    }
  }

  private Optional<Entry> file(FileParameter line) throws IOException {
    Optional<String> unwritable = FileValues.unwritable(line.path());
    if (unwritable.isPresent()) {
      return skip(line, unwritable.get());
    }
    Map<String, String> description = new LinkedHashMap<>();
    description.put("type", "file");
    description.put("file", line.path().toString());
    return entry(line.key(), FileValues.read(line.path()), description);
  }

  private Optional<Entry> htpasswd(HtpasswdParameter line) throws IOException {
    Optional<String> unwritable = FileValues.unwritable(line.passwordFile());
    if (unwritable.isPresent()) {
      return skip(line, unwritable.get());
    }
    if (!Files.isRegularFile(line.htpasswdFile())) {
      return skip(line, "htpasswd file " + line.htpasswdFile() + " does not exist");
    }
    Map<String, String> description = new LinkedHashMap<>();
    description.put("type", "htpasswd");
    description.put("file", line.passwordFile().toString());
    description.put("user", line.user());
    description.put("htpasswd", line.htpasswdFile().toString());
    return entry(line.key(), FileValues.readPassword(line.passwordFile()), description);
  }

  private Optional<Entry> httpdCors(HttpdCorsParameter line) throws IOException {
    if (!Files.isRegularFile(line.corsFile())) {
      return skip(line, "CORS file " + line.corsFile() + " does not exist");
    }
    if (!Files.exists(line.gracefulCommand())) {
      return skip(line, "graceful command " + line.gracefulCommand() + " does not exist");
    }
    Path previous = previousCors(line.corsFile());
    Optional<String> unwritable = FileValues.unwritable(previous);
    if (unwritable.isPresent()) {
      return skip(line, unwritable.get());
    }
    if (!Files.exists(previous)) {
      AtomicFiles.write(previous, new byte[0]);
    }
    Map<String, String> description = new LinkedHashMap<>();
    description.put("type", "httpdcors");
    description.put("cors_file", line.corsFile().toString());
    description.put("gracefull_bin", line.gracefulCommand().toString());
    return entry(line.key(), FileValues.read(previous), description);
  }

  /** {@code prev_<name>} next to the CORS file: the last value saved from the editor. */
  static Path previousCors(Path corsFile) {
    return corsFile.resolveSibling("prev_" + corsFile.getFileName());
  }

  private static Optional<Entry> entry(String key, String value, Map<String, String> description) {
    return Optional.of(new Entry(key, key, value, description));
  }

  private Optional<Entry> skip(ParameterLine line, String why) {
    problems.add("parameter-list: in '" + line.line() + "': " + why + "; parameter skipped");
    return Optional.empty();
  }
}
