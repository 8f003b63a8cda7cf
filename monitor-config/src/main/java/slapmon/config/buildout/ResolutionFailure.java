package slapmon.config.buildout;

import slapmon.config.Diagnostic;

/** Unwinds a substitution that cannot complete; carries the one diagnostic that explains why. */
final class ResolutionFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;

  ResolutionFailure(Diagnostic diagnostic) {
    super(diagnostic.toString(), null, false, false);
    this.diagnostic = diagnostic;
  }

  Diagnostic diagnostic() {
    return diagnostic;
  }
}
