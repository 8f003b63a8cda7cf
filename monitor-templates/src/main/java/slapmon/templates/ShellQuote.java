package slapmon.templates;

/** The one shell-quoting rule of the rendered scripts: POSIX single quotes around everything. */
final class ShellQuote {
  private ShellQuote() {}

  /** {@code text} as one word for {@code sh}: nothing inside is expanded or split. */
  static String quote(Object text) {
    return "'" + text.toString().replace("'", "'\\''") + "'";
  }
}
