package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import slapmon.config.settings.MonitorConf;
import slapmon.templates.ShellScripts;

/**
 * The monitor's classes concatenate strings with {@code StringBuilder} (javac's
 * {@code -XDstringConcat=inline}, the root pom), not through {@code invokedynamic}: each shape of
 * such a concatenation spins method-handle classes at its first use, which the class-data archive
 * does not keep, so every start spun them again (30 of them on the main thread, before the server
 * listened).
 */
final class StringConcatenationTest {
  private static final byte[] CONCAT_FACTORY =
      "java/lang/invoke/StringConcatFactory".getBytes(StandardCharsets.UTF_8);

  @Test
  void noClassOfTheMonitorConcatenatesThroughInvokedynamic() throws Exception {
    List<String> offenders = new ArrayList<>();
    int classes = 0;
    for (Class<?> module : List.of(Main.class, MonitorConf.class, ShellScripts.class)) {
      Path location = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
      boolean folder = Files.isDirectory(location);
      try (FileSystem jar = folder ? null : FileSystems.newFileSystem(location);
          Stream<Path> files = Files.walk(folder ? location : jar.getPath("/"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          classes++;
          if (contains(Files.readAllBytes(file), CONCAT_FACTORY)) {
            offenders.add(file.toString());
          }
        }
      }
    }
    assertThat(classes).isGreaterThan(100);
    assertThat(offenders).isEmpty();
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
