package slapmon.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrapper rendered before the main class moved still runs slapmon. */
final class EarlierMainClassTest {
  @Test
  void the_earlier_main_class_runs_the_command_line(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("stdout");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "slapmon.runtime.Main",
                    "--version"))
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    assertThat(process.waitFor(50, TimeUnit.SECONDS)).as("ended").isTrue();

    assertThat(process.exitValue()).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).startsWith("slapmon ");
  }
}
