package slapmon.runtime.bootstrap;

import java.util.List;

/**
 * The outcome of one bootstrap: it succeeded, and wrote its marker, exactly when it found no
 * problem; each problem names the path, what was found and what was expected.
 */
public record BootstrapResult(List<String> problems) {
  public BootstrapResult {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
