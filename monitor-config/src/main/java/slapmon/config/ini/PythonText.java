package slapmon.config.ini;

import java.util.ArrayList;
import java.util.List;

/**
 * The text rules of the Python that zc.buildout runs on, where they differ from Java's: what counts
 * as white space ({@code str.isspace}), strip, {@code textwrap.dedent}, and universal newlines.
 */
public final class PythonText {
  private PythonText() {}

  /** {@code str.isspace()} for one code point; wider than {@link String#strip()} (NBSP, U+2007…). */
  public static boolean isSpace(int c) {
    return (c >= 0x09 && c <= 0x0d)
        || (c >= 0x1c && c <= 0x20)
        || c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  public static String strip(String s) {
    return rstrip(lstrip(s));
  }

  public static String lstrip(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  public static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code str.split()} without arguments: runs of white space separate, no empty tokens. */
  public static List<String> splitWords(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }

  /**
   * Splits a file's text into lines the way Python's universal newlines do: at {@code \r\n},
   * {@code \r} and {@code \n} only. The terminators are dropped; {@code terminated[i]} says whether
   * line i had one (only the last line may lack it).
   */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        i += (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? 2 : 1;
        start = i;
      } else {
        i++;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /**
   * Python's {@code textwrap.dedent}: lines of only spaces and tabs become empty, then the margin of
   * spaces and tabs common to every other line is removed.
   */
  public static String dedent(String text) {
    String[] lines = text.split("\n", -1);
    String margin = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int indent = leadingSpacesAndTabs(line);
      if (indent == line.length()) {
        lines[i] = "";
        continue;
      }
      String prefix = line.substring(0, indent);
      if (margin == null || margin.startsWith(prefix)) {
        margin = prefix;
      } else if (!prefix.startsWith(margin)) {
        margin = commonPrefix(margin, prefix);
      }
    }
    if (margin != null && !margin.isEmpty()) {
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith(margin)) {
          lines[i] = lines[i].substring(margin.length());
        }
      }
    }
    return String.join("\n", lines);
  }

  /** Removes leading white space up to and including its last newline ({@code ^(\s*\n)+}). */
  public static String removeLeadingBlankLines(String text) {
    int lastNewline = -1;
    for (int i = 0; i < text.length() && isSpace(text.charAt(i)); i++) {
      if (text.charAt(i) == '\n') {
        lastNewline = i;
      }
    }
    return text.substring(lastNewline + 1);
  }

  private static int leadingSpacesAndTabs(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static String commonPrefix(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return a.substring(0, i);
  }
}
