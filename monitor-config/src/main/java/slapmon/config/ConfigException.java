package slapmon.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration could not be used. Carries every diagnostic found, errors and warnings, in the
 * order they were found; {@link #getMessage()} is only a rendering of them.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public ConfigException(List<Diagnostic> diagnostics) {
    super(render(diagnostics));
    if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  public ConfigException(Diagnostic error) {
    this(List.of(error));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  private static String render(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
  }
}
