package slapmon.config.buildout;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.ConfigException;
import slapmon.config.ini.BuildoutSyntax;
import slapmon.config.ini.IniDocument;
import slapmon.config.ini.ParsedFile;
import slapmon.config.ini.PythonText;
import slapmon.config.ini.RawOption;

/**
 * Reads a file and, recursively, the files its {@code [buildout] extends} names (relative to the
 * extending file, left to right), and merges them into one set of raw sections.
 */
final class FileTree {
  private static final Pattern URL = Pattern.compile("^[a-zA-Z0-9+.-]+://");

  /** How deep {@code extends} may nest; without a limit a long chain overflows the stack. */
  static final int MAX_DEPTH = 100;

  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Deque<Path> including = new ArrayDeque<>();

  private FileTree() {}

  record Merged(Map<String, Map<String, RawOption>> sections, List<Diagnostic> diagnostics) {}

  /** Merges {@code top} and what it extends onto {@code base} (zc.buildout's own defaults). */
  static Merged read(Path top, Map<String, Map<String, RawOption>> base) {
    FileTree tree = new FileTree();
    Map<String, Map<String, RawOption>> sections = copy(base);
    Map<String, Map<String, RawOption>> file = tree.open(top, null);
    if (file != null) {
      mergeInto(sections, file);
    }
    return new Merged(sections, tree.diagnostics);
  }

  static void mergeInto(
      Map<String, Map<String, RawOption>> into, Map<String, Map<String, RawOption>> from) {
    from.forEach(
        (name, options) -> {
          Map<String, RawOption> below = into.get(name);
          into.put(name, below == null ? new LinkedHashMap<>(options) : SectionMerge.merge(below, options));
        });
  }

  private Map<String, Map<String, RawOption>> open(Path path, RawOption extendsOption) {
    Path file = path.toAbsolutePath().normalize();
    if (including.contains(file)) {
      diagnostics.add(extendsError(extendsOption, "extends loop: " + chain(file)));
      return null;
    }
    String text = readText(file, extendsOption);
    if (text == null) {
      return null;
    }
    ParsedFile parsed = BuildoutSyntax.parse(file, text);
    diagnostics.addAll(parsed.diagnostics());
    Map<String, Map<String, RawOption>> sections = copy(parsed.sections());
    Map<String, RawOption> buildout = sections.get("buildout");
    RawOption extendsList = buildout == null ? null : buildout.remove("extends");
    if (extendsList == null) {
      return sections;
    }
    if (including.size() >= MAX_DEPTH) {
      diagnostics.add(
          extendsError(
              extendsList,
              "extends nested deeper than " + MAX_DEPTH + " files (" + including.peekLast()
                  + " -> ... -> " + file + "); expected a shorter chain"));
      return sections;
    }
    including.push(file);
    try {
      Map<String, Map<String, RawOption>> merged = null;
      for (String name : PythonText.splitWords(extendsList.text())) {
        Map<String, Map<String, RawOption>> extended = openExtended(file, name, extendsList);
        if (extended == null) {
          continue;
        }
        if (merged == null) {
          merged = extended;
        } else {
          mergeInto(merged, extended);
        }
      }
      if (merged == null) {
        return sections;
      }
      mergeInto(merged, sections);
      return merged;
    } finally {
      including.pop();
    }
  }

  private Map<String, Map<String, RawOption>> openExtended(Path from, String name, RawOption option) {
    if (URL.matcher(name).find()) {
      diagnostics.add(
          extendsError(
              option,
              "cannot extend '"
                  + name
                  + "': slapmon reads local files only and never downloads configuration;"
                  + " expected a path relative to "
                  + from.getParent()));
      return null;
    }
    Path file;
    try {
      file = from.getParent().resolve(name);
    } catch (InvalidPathException e) {
      diagnostics.add(
          extendsError(
              option,
              "cannot extend '"
                  + name.replace("\0", "\\0")
                  + "': not a file name ("
                  + e.getReason()
                  + ")"));
      return null;
    }
    return open(file, option);
  }

  private String readText(Path file, RawOption extendsOption) {
    try {
      return IniDocument.readUtf8(file);
    } catch (ConfigException e) {
      String message = e.errors().get(0).message();
      if (extendsOption != null && !Files.exists(file)) {
        message = "extends names '" + file + "', which does not exist";
      }
      diagnostics.add(extendsError(extendsOption, message, file));
      return null;
    }
  }

  private String chain(Path repeated) {
    List<Path> files = new ArrayList<>(including);
    java.util.Collections.reverse(files);
    files.add(repeated);
    return files.stream().map(Path::toString).collect(Collectors.joining(" -> "));
  }

  private static Diagnostic extendsError(RawOption option, String message) {
    return Diagnostic.error(option.location(), "buildout", "extends", message);
  }

  private static Diagnostic extendsError(RawOption option, String message, Path file) {
    if (option == null) {
      return Diagnostic.error(new Location(file, 0), "", "", message);
    }
    return extendsError(option, message);
  }

  private static Map<String, Map<String, RawOption>> copy(Map<String, Map<String, RawOption>> in) {
    Map<String, Map<String, RawOption>> out = new LinkedHashMap<>();
    in.forEach((name, options) -> out.put(name, new LinkedHashMap<>(options)));
    return out;
  }
}
