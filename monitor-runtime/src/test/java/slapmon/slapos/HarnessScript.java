package slapmon.slapos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the Python scripts of {@code src/test/resources/slapmon/slapos/}, run by Debian's python
 * ({@link SlaposOracle#PYTHON}) in a test's folder, its output kept in files there.
 */
final class HarnessScript {
  private HarnessScript() {}

  /** What a finished run printed. */
  record Output(int exitCode, String stdout, String stderr) {}

  /** The script's path in this module's test resources. */
  static Path path(String name) {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolve("src/test/resources/slapmon/slapos/" + name)
        .toAbsolutePath();
  }

  /** Runs {@code name} with {@code arguments}; an AssertionError when it outlives {@code seconds}. */
  static Output run(Path work, String name, List<String> arguments, long seconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(SlaposOracle.PYTHON);
    command.add(path(name).toString());
    command.addAll(arguments);
    String stem = name.replaceFirst("\\.py$", "");
    Path out = Files.createTempFile(work, stem + "-", ".out");
    Path err = Files.createTempFile(work, stem + "-", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
    }
    return new Output(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs {@code name} and reads the JSON document it prints; an AssertionError if it failed. */
  static JsonNode json(Path work, String name, List<String> arguments, long seconds)
      throws IOException, InterruptedException {
    Output output = run(work, name, arguments, seconds);
    if (output.exitCode() != 0 || output.stdout().isBlank()) {
      throw new AssertionError(
          name + " failed (exit " + output.exitCode() + "):\n" + output.stderr());
    }
    return new ObjectMapper().readTree(output.stdout());
  }
}
