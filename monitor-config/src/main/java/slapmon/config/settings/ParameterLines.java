package slapmon.config.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import slapmon.config.Value;
import slapmon.config.ini.PythonText;

/**
 * Parses {@code parameter-list} and {@code instance-configuration} values into {@link
 * ParameterLine}s: one per non-empty line, tokens separated by runs of white space (SPEC D.4 #28).
 *
 * <p>Each problem is reported at the option's line and quotes the offending parameter line: the
 * line of a continuation cannot be known reliably once buildout has substituted multi-line values
 * into the option and dropped comment and blank lines.
 */
final class ParameterLines {
  private static final String TYPES = "raw, file, htpasswd or httpdcors";

  private final SectionReader section;
  private final String key;
  private final Value value;
  private final Map<String, String> keys = new HashMap<>();

  private ParameterLines(SectionReader section, String key, Value value) {
    this.section = section;
    this.key = key;
    this.value = value;
  }

  /** The lines of option {@code key}; empty when the option is absent. */
  static Optional<List<ParameterLine>> read(SectionReader section, String key) {
    return section.value(key).map(value -> new ParameterLines(section, key, value).parse());
  }

  private List<ParameterLine> parse() {
    List<ParameterLine> lines = new ArrayList<>();
    for (String text : value.text().split("\n", -1)) {
      String line = PythonText.strip(text);
      if (!line.isEmpty()) {
        parseLine(line).filter(parsed -> firstOfItsKey(parsed, line)).ifPresent(lines::add);
      }
    }
    return List.copyOf(lines);
  }

  private Optional<ParameterLine> parseLine(String line) {
    List<String> tokens = PythonText.splitWords(line);
    String type = tokens.get(0);
    switch (type) {
      case "raw":
        if (tokens.size() < 3) {
          return fail(
              line, "expected at least 3 tokens (raw TITLE VALUE...), found " + tokens.size());
        }
        return Optional.of(
            new ParameterLine.Raw(
                tokens.get(1), String.join(" ", tokens.subList(2, tokens.size()))));
      case "file":
        return arity(line, tokens, "file KEY PATH")
            .flatMap(
                t ->
                    path(line, t, 2, "PATH")
                        .map(p -> new ParameterLine.FileParameter(t.get(1), p)));
      case "htpasswd":
        return arity(line, tokens, "htpasswd KEY PASSWORD_FILE USER HTPASSWD_FILE")
            .flatMap(t -> htpasswd(line, t));
      case "httpdcors":
        return arity(line, tokens, "httpdcors KEY CORS_FILE GRACEFUL_COMMAND")
            .flatMap(t -> httpdCors(line, t));
      default:
        return fail(line, "unknown parameter type '" + type + "'; expected " + TYPES);
    }
  }

  private Optional<ParameterLine> htpasswd(String line, List<String> tokens) {
    Optional<Path> passwordFile = path(line, tokens, 2, "PASSWORD_FILE");
    String user = tokens.get(3);
    boolean userOk = true;
    if (user.indexOf(':') >= 0) {
      fail(line, "expected " + Parsers.USER + " as USER, got '" + user + "'");
      userOk = false;
    }
    Optional<Path> htpasswdFile = path(line, tokens, 4, "HTPASSWD_FILE");
    if (passwordFile.isEmpty() || !userOk || htpasswdFile.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ParameterLine.HtpasswdParameter(
            tokens.get(1), passwordFile.get(), user, htpasswdFile.get()));
  }

  private Optional<ParameterLine> httpdCors(String line, List<String> tokens) {
    Optional<Path> corsFile = path(line, tokens, 2, "CORS_FILE");
    Optional<Path> graceful = path(line, tokens, 3, "GRACEFUL_COMMAND");
    if (corsFile.isEmpty() || graceful.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ParameterLine.HttpdCorsParameter(tokens.get(1), corsFile.get(), graceful.get()));
  }

  /** The tokens when there are as many as {@code syntax} names, otherwise reported. */
  private Optional<List<String>> arity(String line, List<String> tokens, String syntax) {
    int expected = syntax.split(" ").length;
    if (tokens.size() != expected) {
      fail(line, "expected " + expected + " tokens (" + syntax + "), found " + tokens.size());
      return Optional.empty();
    }
    return Optional.of(tokens);
  }

  private Optional<Path> path(String line, List<String> tokens, int index, String what) {
    try {
      return Optional.of(Parsers.absolutePath(tokens.get(index)));
    } catch (Parser.Invalid invalid) {
      fail(line, "expected " + Parsers.PATH + " as " + what + ", got '" + tokens.get(index) + "'");
      return Optional.empty();
    }
  }

  private boolean firstOfItsKey(ParameterLine parsed, String line) {
    if (parsed instanceof ParameterLine.Raw) {
      return true;
    }
    String first = keys.putIfAbsent(parsed.title(), line);
    if (first != null) {
      fail(
          line,
          "key '"
              + parsed.title()
              + "' is already defined by '"
              + first
              + "'; expected each key once");
      return false;
    }
    return true;
  }

  private <T> Optional<T> fail(String line, String message) {
    section.error(value.location(), key, "in '" + line + "': " + message);
    return Optional.empty();
  }
}
