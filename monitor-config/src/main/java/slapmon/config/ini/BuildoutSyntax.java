package slapmon.config.ini;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import slapmon.config.Diagnostic;
import slapmon.config.Location;

/**
 * Parses the text of one buildout-style file, line by line, as zc.buildout 2.13.2 does: headers
 * (with conditions), {@code name = value} options, {@code +=}/{@code -=}, the two kinds of
 * continuation lines and column-0 comments. Values are taken literally; nothing is substituted.
 *
 * <p>Every bad line is reported, not only the first. Two things differ from zc.buildout on purpose
 * ({@code docs/decisions.md}): a UTF-8 byte-order mark is ignored, and only a {@code +} or {@code -}
 * written right before the {@code =} is an operator ({@code key+ = v} sets an option named
 * {@code key+}).
 */
public final class BuildoutSyntax {
  private static final String SPACE =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
          + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
  private static final Pattern HEADER =
      Pattern.compile(
          "\\[[" + SPACE + "]*(?<name>[^" + SPACE + "#\\[\\]:;{}]+)[" + SPACE + "]*"
              + "(:(?<expression>[^#;]*))?[" + SPACE + "]*"
              + "(?<tail>][" + SPACE + "]*([#;].*)?)",
          Pattern.DOTALL);
  private static final Pattern OPTION =
      Pattern.compile(
          "(?<name>[^" + SPACE + "{}\\[\\]=:]+[" + SPACE + "]*[-+]?)=(?<value>.*)", Pattern.DOTALL);

  private final Path file;
  private final Map<String, Map<String, Pending>> sections = new LinkedHashMap<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private BuildoutSyntax(Path file) {
    this.file = file;
  }

  /** Parses {@code text}, which was read from {@code file} (used only to name locations). */
  public static ParsedFile parse(Path file, String text) {
    BuildoutSyntax parser = new BuildoutSyntax(file);
    parser.parseLines(PythonText.lines(text.startsWith("\uFEFF") ? text.substring(1) : text));
    return parser.result();
  }

  /** An option being read: continuation lines are appended until the next option or header. */
  private static final class Pending {
    final RawOption first;
    final StringBuilder text;
    final boolean blockMode;

    Pending(RawOption first) {
      this.first = first;
      this.text = new StringBuilder(first.text());
      this.blockMode = first.text().isEmpty();
    }
  }

  private void parseLines(List<String> lines) {
    Map<String, Pending> section = null;
    String sectionName = "";
    Pending option = null;
    boolean sectionKept = true;
    boolean reportedHeaderless = false;
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      Location at = new Location(file, index + 1);
      if (!line.isEmpty() && (line.charAt(0) == '#' || line.charAt(0) == ';')) {
        continue;
      }
      boolean indented = line.isEmpty() || PythonText.isSpace(line.charAt(0));
      if (indented && section != null && option != null) {
        if (sectionKept) {
          appendContinuation(option, line);
        }
        continue;
      }
      Matcher header = HEADER.matcher(line);
      if (header.matches()) {
        String name = header.group("name");
        String expression = header.group("expression");
        if (expression != null && !expression.isEmpty()) {
          sectionKept = SectionCondition.evaluate(expression, at, name, diagnostics);
          if (!sectionKept) {
            continue;
          }
        } else {
          sectionKept = true;
        }
        section = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
        sectionName = name;
        option = null;
        continue;
      }
      if (section == null) {
        if (!PythonText.strip(line).isEmpty() && !reportedHeaderless) {
          diagnostics.add(
              Diagnostic.error(
                  at, "", "", "found text before the first section header: '" + line + "'"));
          reportedHeaderless = true;
        }
        continue;
      }
      String optionLine = line.startsWith("=>") ? "<part-dependencies> = " + line.substring(2) : line;
      Matcher start = OPTION.matcher(optionLine);
      if (start.matches()) {
        if (sectionKept) {
          option = startOption(section, start, at, sectionName);
        }
      } else if (option != null || !PythonText.strip(line).isEmpty()) {
        diagnostics.add(Diagnostic.error(at, sectionName, "", badLine(line)));
      }
    }
  }

  private void appendContinuation(Pending option, String line) {
    String part = option.blockMode ? PythonText.rstrip(line) : PythonText.strip(line);
    if (option.blockMode || !part.isEmpty()) {
      option.text.append('\n').append(part);
    }
  }

  private Pending startOption(
      Map<String, Pending> section, Matcher start, Location at, String sectionName) {
    String written = start.group("name");
    String key = PythonText.rstrip(written);
    RawOption.Operator operator = RawOption.Operator.SET;
    String name = key;
    char last = written.charAt(written.length() - 1);
    if (last == '+' || last == '-') {
      operator = last == '+' ? RawOption.Operator.ADD : RawOption.Operator.REMOVE;
      name = PythonText.rstrip(written.substring(0, written.length() - 1));
    }
    String text = PythonText.strip(start.group("value"));
    Pending previous = section.get(key);
    if (previous != null) {
      diagnostics.add(
          Diagnostic.warning(
              at,
              sectionName,
              key,
              "set again in the same section (first set at line "
                  + previous.first.location().line()
                  + "); the later value wins"));
    }
    Pending pending = new Pending(new RawOption(key, name, operator, text, at));
    section.put(key, pending);
    return pending;
  }

  private static String badLine(String line) {
    String stripped = PythonText.strip(line);
    int equals = stripped.indexOf('=');
    int colon = stripped.indexOf(':');
    if (PythonText.isSpace(line.charAt(0))) {
      return "an indented line must continue an option, but no option precedes it: '" + line + "'";
    }
    if (stripped.startsWith("[")) {
      return "malformed section header '"
          + stripped
          + "': expected '[name]' or '[name:condition]', where a name has no spaces or any of #;:{}[]";
    }
    if (equals > 0 && PythonText.splitWords(stripped.substring(0, equals)).size() > 1) {
      return "malformed option name in '"
          + stripped
          + "': option names cannot contain spaces (only one '+' or '-' may stand before '=')";
    }
    if (colon > 0 && (equals < 0 || colon < equals)) {
      return "expected 'name = value', got '" + stripped + "': only '=' separates a name from its value";
    }
    if (equals == 0) {
      return "expected 'name = value', got '" + stripped + "': the option name is missing";
    }
    return "expected a section header '[name]', an option 'name = value' or an indented"
        + " continuation line, got '"
        + stripped
        + "'";
  }

  private ParsedFile result() {
    Map<String, Map<String, RawOption>> done = new LinkedHashMap<>();
    sections.forEach(
        (name, options) -> {
          Map<String, RawOption> finished = new LinkedHashMap<>();
          options.forEach((key, pending) -> finished.put(key, finish(pending)));
          done.put(name, finished);
        });
    return new ParsedFile(file, done, diagnostics);
  }

  private static RawOption finish(Pending pending) {
    String value = pending.text.toString();
    if (!value.isEmpty() && PythonText.isSpace(value.charAt(0))) {
      value = PythonText.removeLeadingBlankLines(PythonText.dedent(PythonText.rstrip(value)));
    }
    RawOption first = pending.first;
    return new RawOption(first.key(), first.name(), first.operator(), value, first.location());
  }
}
