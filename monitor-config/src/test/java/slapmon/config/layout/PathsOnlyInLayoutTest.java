package slapmon.config.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source of any module builds a path of the partition's tree by its name: those names are
 * {@link PartitionLayout}'s alone. The scan reads every string literal of {@code
 * monitor-*}{@code /src/main/java} without white space (texts for people may name a file), and
 * every {@code resolve("a").resolve("b")} pair joined as {@code a/b}; a path segment, or two
 * consecutive ones, that is one of the layout's names is refused outside the layout. A name held
 * in a variable and resolved later is not seen: the scan catches the copies a reader meets.
 */
final class PathsOnlyInLayoutTest {
  private static final String LAYOUT = "slapmon/config/layout/PartitionLayout.java";

  /** Names of one segment that only the partition's tree has. */
  static final Set<String> NAMES =
      Set.of(
          ".jio_documents",
          "promise_timeout",
          ".slapgrid",
          "jio_public",
          "jio_private",
          "config.json",
          "config.parameters.json",
          "config.tmp.json",
          "config.result.json",
          ".monitor_pwd",
          "monitor-publish.json",
          "instance-info.conf",
          "monitor.conf",
          "monitor-bootstrap.pid");

  /** Two-segment paths of the tree whose segments alone are common words. */
  static final Set<String> PAIRS =
      Set.of(
          "etc/plugin",
          "etc/promise",
          "public/promise",
          "private/data",
          "private/config",
          "private/documents",
          "promise/result",
          "promise/cache",
          "promise/log");

  /**
   * Literals that name one of these but are no file path, each with its reason: the URL of the
   * private jIO folder as the HTTP server serves it.
   */
  static final Map<String, String> ALLOWED =
      Map.of("slapmon/runtime/opml/FeedOutline.java", "/share/jio_private/");

  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern RESOLVE_PAIR =
      Pattern.compile("resolve\\(\"([^\"]+)\"\\)\\s*\\.resolve\\(\"([^\"]+)\"\\)");

  @Test
  void no_main_source_but_the_layout_names_a_path_of_the_partition() throws IOException {
    assertThat(offences(repository())).isEmpty();
  }

  @Test
  void a_path_built_outside_the_layout_is_found() throws IOException {
    String planted =
        "class Planted {\n"
            + "  Path a(Path p) { return p.resolve(\"data\").resolve(\".jio_documents\"); }\n"
            + "  Path c(Path p) { return p.resolve(\"etc\").resolve(\"plugin\"); }\n"
            + "  Path d(Path p) { return p.resolve(\"private/config\"); }\n"
            + "  String e() { return \"Read etc/monitor.conf first.\"; }\n"
            + "}\n";

    List<String> found = offences("Planted.java", planted);

    assertThat(found)
        .containsExactly(
            "Planted.java:2: \"data/.jio_documents\"",
            "Planted.java:2: \".jio_documents\"",
            "Planted.java:3: \"etc/plugin\"",
            "Planted.java:4: \"private/config\"");
  }

  private static Path repository() {
    Path here = Path.of("").toAbsolutePath();
    for (Path folder = here; folder != null; folder = folder.getParent()) {
      if (Files.isDirectory(folder.resolve("monitor-config/src/main/java"))) {
        return folder;
      }
    }
    throw new IllegalStateException("no monitor-config/src/main/java above " + here);
  }

  private static List<String> offences(Path repository) throws IOException {
    List<Path> roots;
    try (Stream<Path> modules = Files.list(repository)) {
      roots =
          modules
              .filter(m -> m.getFileName().toString().startsWith("monitor-"))
              .map(m -> m.resolve("src/main/java"))
              .filter(Files::isDirectory)
              .sorted()
              .toList();
    }
    assertThat(roots).as("main source folders").hasSizeGreaterThanOrEqualTo(3);
    List<String> found = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          String name = root.relativize(file).toString();
          if (!name.equals(LAYOUT)) {
            found.addAll(offences(name, Files.readString(file, StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return found;
  }

  static List<String> offences(String name, String source) {
    List<String> found = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      Matcher pair = RESOLVE_PAIR.matcher(line);
      while (pair.find()) {
        check(name, i + 1, pair.group(1) + "/" + pair.group(2), found);
      }
      Matcher literal = LITERAL.matcher(line);
      while (literal.find()) {
        check(name, i + 1, literal.group(1), found);
      }
    }
    return found;
  }

  private static void check(String name, int line, String text, List<String> found) {
    if (text.chars().anyMatch(Character::isWhitespace) || text.equals(ALLOWED.get(name))) {
      return;
    }
    String[] segments = text.split("/");
    for (int i = 0; i < segments.length; i++) {
      boolean named = NAMES.contains(segments[i]);
      boolean paired =
          i + 1 < segments.length && PAIRS.contains(segments[i] + "/" + segments[i + 1]);
      if (named || paired) {
        found.add(name + ":" + line + ": \"" + text + "\"");
        return;
      }
    }
  }
}
