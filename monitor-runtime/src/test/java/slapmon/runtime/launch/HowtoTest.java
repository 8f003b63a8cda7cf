package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.plugin.PluginPartition;

/**
 * Every {@code sh} block of {@code docs/howto.md}, in order, in one bash with {@code set -euo
 * pipefail}, in an empty folder, as an operator pastes them: {@code slapmon} on the PATH is this
 * build (a launcher over the test class path, as the checkout's {@code ./slapmon} is over the jar),
 * on a free loopback port. A block preceded by {@code <!-- needs: WORD -->} runs only where WORD is
 * there: {@code slapos.core} (the project's oracle tree, put on PYTHONPATH) or a command.
 */
final class HowtoTest {
  private static final Path HOWTO = Path.of("../docs/howto.md");
  private static final Pattern NEEDS = Pattern.compile("^<!-- needs: (\\S+) -->$");

  @TempDir Path dir;

  record Block(String needs, String text) {}

  @Test
  void every_command_of_the_howto_works_when_pasted() throws Exception {
    List<Block> blocks = blocks(Files.readString(HOWTO, StandardCharsets.UTF_8));
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(10);
    assertThat(Files.readString(HOWTO)).contains("docs/prometheus.md", "docs/alerts.md");

    Path oracle = PluginPartition.oracle();
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    // The doc stops its monitor in its last block; a failing block must not leave it running.
    script.append(
        "trap 'if [ -n \"${SLAPMON:-}\" ]; then kill $SLAPMON 2>/dev/null || true; fi' EXIT\n");
    List<String> skipped = new ArrayList<>();
    for (Block block : blocks) {
      if (available(block.needs(), oracle)) {
        script.append(block.text());
      } else {
        skipped.add(block.needs());
      }
    }
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(dir.resolve("howto.sh"), script, StandardCharsets.UTF_8);

    ProcessBuilder builder =
        new ProcessBuilder("/bin/bash", dir.resolve("howto.sh").toString())
            .directory(work.toFile())
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("PATH", launcher() + ":" + System.getenv("PATH"));
    builder.environment().put("PORT", String.valueOf(freePort()));
    if (oracle != null) {
      builder.environment().put("PYTHONPATH", pythonPath(oracle));
    }
    Process bash = builder.start();
    if (!bash.waitFor(8, TimeUnit.MINUTES)) {
      bash.descendants().forEach(ProcessHandle::destroyForcibly);
      bash.destroyForcibly();
    }
    String err = Files.readString(dir.resolve("stderr"));
    String out = Files.readString(dir.resolve("stdout"));
    assertThat(bash.exitValue())
        .as("docs/howto.md as a script (skipped: %s)%nstdout:%n%s%nstderr:%n%s", skipped, out, err)
        .isZero();
    assertThat(out).contains("check-free-disk: OK", "all good", "\"status\":\"applied\"");
  }

  /** The fenced {@code sh} blocks, each with the need its marker line names. */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String needs = null;
    StringBuilder text = null;
    for (String line : markdown.split("\n", -1)) {
      if (text != null) {
        if (line.equals("```")) {
          blocks.add(new Block(needs, text.toString()));
          text = null;
          needs = null;
        } else {
          text.append(line).append('\n');
        }
        continue;
      }
      Matcher marker = NEEDS.matcher(line);
      if (marker.matches()) {
        needs = marker.group(1);
      } else if (line.equals("```sh")) {
        text = new StringBuilder();
      } else if (!line.isBlank()) {
        needs = null;
      }
    }
    return blocks;
  }

  private static boolean available(String needs, Path oracle) {
    if (needs == null) {
      return true;
    }
    if (needs.equals("slapos.core")) {
      return oracle != null;
    }
    return List.of(System.getenv("PATH").split(":")).stream()
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, needs)));
  }

  private static String pythonPath(Path oracle) {
    return PluginPartition.oraclePath(oracle).stream()
        .map(Path::toString)
        .collect(Collectors.joining(":"));
  }

  /** A folder with {@code slapmon}: this build's Main on the test class path. */
  private Path launcher() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path slapmon = bin.resolve("slapmon");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        slapmon,
        "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -Xss512k -cp '"
            + System.getProperty("java.class.path") + "' slapmon.runtime.launch.Main \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(slapmon, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
