package slapmon.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The wrapper's JVM options, as the JVM running these tests takes them. */
final class JvmOptionsTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void the_heap_stays_near_its_live_set_and_gives_back_what_a_burst_took() throws Exception {
    Map<String, String> flags = finalFlags(ShellScripts.JVM_OPTIONS);

    assertThat(flags).containsEntry("UseSerialGC", "true");
    assertThat(flags).containsEntry("InitialHeapSize", "" + 16 * MIB);
    assertThat(flags).containsEntry("MaxHeapSize", "" + 256 * MIB);
    assertThat(flags).containsEntry("NewSize", "" + 6 * MIB);
    assertThat(flags).containsEntry("MaxNewSize", "" + 6 * MIB);
    assertThat(flags).containsEntry("MinHeapFreeRatio", "20");
    assertThat(flags).containsEntry("MaxHeapFreeRatio", "40");
  }

  @Test
  void what_the_malloc_arenas_freed_goes_back_to_the_system_every_two_seconds() throws Exception {
    Map<String, String> flags = finalFlags(ShellScripts.JVM_OPTIONS);

    assertThat(flags).containsEntry("TrimNativeHeapInterval", "2000");
  }

  /** {@code java OPTIONS -XX:+PrintFlagsFinal -version}: each flag's final value, by name. */
  private static Map<String, String> finalFlags(String options)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(Arrays.asList(options.split(" ")));
    command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    Map<String, String> flags = new HashMap<>();
    for (String line : output.split("\n")) {
      // "     bool UseSerialGC                              = true            {product} {command line}"
      String[] words = line.trim().split("\\s+");
      if (words.length >= 4 && words[2].equals("=")) {
        flags.put(words[1], words[3]);
      }
    }
    return flags;
  }
}
