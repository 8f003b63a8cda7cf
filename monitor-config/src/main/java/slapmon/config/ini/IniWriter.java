package slapmon.config.ini;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes sections of literal values so that {@link IniDocument} (and zc.buildout) reads back
 * exactly the same text: {@code name = value}, further lines of a value indented by two spaces.
 * A value whose lines are blank or indented is written in block mode ({@code name =} with every
 * line below it), which keeps them. Values that no INI reader could give back are refused.
 */
public final class IniWriter {
  private static final Pattern SECTION_NAME = Pattern.compile("[^\\s#\\[\\]:;{}]+");
  private static final Pattern OPTION_NAME = Pattern.compile("[^\\s{}\\[\\]=:]*[^\\s{}\\[\\]=:+-]");
  private static final String INDENT = "  ";

  private IniWriter() {}

  /** Renders the sections in map order, options in map order, with a final newline. */
  public static String write(Map<String, ? extends Map<String, String>> sections) {
    StringBuilder out = new StringBuilder();
    sections.forEach(
        (section, options) -> {
          if (!SECTION_NAME.matcher(section).matches()) {
            throw new IllegalArgumentException(
                "cannot write section name '" + section + "': no spaces or any of #;:{}[] allowed");
          }
          out.append('[').append(section).append("]\n");
          options.forEach((name, value) -> writeOption(out, section, name, value));
        });
    return out.toString();
  }

  private static void writeOption(StringBuilder out, String section, String name, String value) {
    if (!OPTION_NAME.matcher(name).matches() || name.charAt(0) == '#' || name.charAt(0) == ';') {
      throw new IllegalArgumentException(
          "[" + section + "] cannot write option name '" + name
              + "': no spaces or any of {}[]=: allowed, and it must not start with # or ;"
              + " or end with + or -");
    }
    String[] lines = value.split("\n", -1);
    checkWritable(section, name, value, lines);
    boolean block = false;
    for (int i = 1; i < lines.length; i++) {
      block |= lines[i].isEmpty() || PythonText.isSpace(lines[i].charAt(0));
    }
    out.append(name).append(" =");
    if (block) {
      for (String line : lines) {
        out.append('\n');
        if (!line.isEmpty()) {
          out.append(INDENT).append(line);
        }
      }
    } else {
      if (!value.isEmpty()) {
        out.append(' ').append(lines[0]);
      }
      for (int i = 1; i < lines.length; i++) {
        out.append('\n').append(INDENT).append(lines[i]);
      }
    }
    out.append('\n');
  }

  private static void checkWritable(String section, String name, String value, String[] lines) {
    String problem = null;
    if (value.indexOf('\r') >= 0) {
      problem = "it contains a carriage return";
    } else if (!value.isEmpty() && PythonText.isSpace(value.charAt(0))) {
      problem = "it starts with white space";
    } else if (lines.length > 1 && lines[lines.length - 1].isEmpty()) {
      problem = "it ends with an empty line";
    } else {
      for (String line : lines) {
        if (!line.isEmpty() && PythonText.isSpace(line.charAt(line.length() - 1))) {
          problem = "a line ends with white space";
        }
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "[" + section + "] " + name + ": cannot write the value, " + problem
              + ", which an INI reader would drop");
    }
  }
}
