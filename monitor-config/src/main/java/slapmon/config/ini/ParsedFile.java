package slapmon.config.ini;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import slapmon.config.Diagnostic;

/**
 * One configuration file after parsing: its sections in the order they first appear, each with its
 * options in the order they were written, and what the parser found wrong or suspicious.
 */
public record ParsedFile(
    Path file, Map<String, Map<String, RawOption>> sections, List<Diagnostic> diagnostics) {

  public ParsedFile {
    Map<String, Map<String, RawOption>> copy = new LinkedHashMap<>();
    sections.forEach((name, options) -> copy.put(name, new LinkedHashMap<>(options)));
    sections = copy;
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
