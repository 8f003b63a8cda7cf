package slapmon.config.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;

/**
 * The diagnostics of one binding; errors fail it only at the end, all at once. They are reported in
 * file order (files in the order they first appear, then by line), and those that no line holds (a
 * missing option) after the others of their file, in the order they were found.
 */
final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  void add(Diagnostic diagnostic) {
    all.add(diagnostic);
  }

  void addAll(List<Diagnostic> diagnostics) {
    all.addAll(diagnostics);
  }

  /** Everything found so far, in file order. */
  List<Diagnostic> list() {
    Map<Path, Integer> files = new LinkedHashMap<>();
    all.forEach(d -> files.putIfAbsent(d.location().file(), files.size()));
    // Several sections refer to one broken section: its error is said once.
    List<Diagnostic> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(all));
    sorted.sort(
        Comparator.<Diagnostic>comparingInt(d -> files.get(d.location().file()))
            .thenComparingInt(
                d -> d.location().isBuiltIn() ? Integer.MAX_VALUE : d.location().line()));
    return List.copyOf(sorted);
  }

  int errorCount() {
    return (int) all.stream().filter(Diagnostic::isError).count();
  }

  /** The bound value with the warnings, or every diagnostic thrown at once when one is an error. */
  <T> Bound<T> finish(Supplier<T> value) throws ConfigException {
    if (errorCount() > 0) {
      throw new ConfigException(list());
    }
    return new Bound<>(value.get(), list());
  }
}
