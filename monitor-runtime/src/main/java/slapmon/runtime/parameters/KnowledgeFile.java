package slapmon.runtime.parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import slapmon.config.ini.IniWriter;
import slapmon.config.ini.PythonText;

/**
 * The knowledge0 cfg (SPEC §A.5.7, D.28): {@code [public]} with {@code key = value} for each
 * editable entry, as valid INI, each value as an INI reader of the original file would have read
 * it: line ends made {@code \n}, then trailing empty lines and the white space at the start of the
 * value and at the end of each line dropped (a file's final newline is the usual case).
 */
final class KnowledgeFile {
  private static final Pattern LINE_END = Pattern.compile("\r\n?");

  private KnowledgeFile() {}

  /** The file's text; an entry that still cannot be written is reported and left out. */
  static String render(List<Entry> entries, List<String> problems) {
    Map<String, String> options = new LinkedHashMap<>();
    for (Entry entry : entries) {
      if (!entry.editable()) {
        continue;
      }
      String value = normalize(entry.value());
      try {
        IniWriter.write(Map.of("public", Map.of(entry.key(), value)));
        options.put(entry.key(), value);
      } catch (IllegalArgumentException e) {
        problems.add("knowledge0 cfg: " + e.getMessage() + "; left out");
      }
    }
    return IniWriter.write(Map.of("public", options));
  }

  static String normalize(String value) {
    String[] lines = LINE_END.matcher(value).replaceAll("\n").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = PythonText.rstrip(lines[i]);
    }
    return PythonText.strip(String.join("\n", lines));
  }
}
