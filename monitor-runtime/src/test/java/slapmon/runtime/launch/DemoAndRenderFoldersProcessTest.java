package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code render} and {@code demo} write: never into the folder a profile sits in, and no
 * half-made {@code --dir} when the demo cannot start.
 */
@Timeout(180)
final class DemoAndRenderFoldersProcessTest {
  @TempDir Path dir;

  @Test
  void render_without_partition_writes_nothing_beside_the_profile() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("examples"));
    Path profile = checkout.resolve("instance.cfg");
    Files.writeString(
        profile,
        "[monitor-instance-parameter]\nmonitor-httpd-port = 8196\n"
            + "monitor-base-url = https://[::1]:8196\n");

    SlapmonProcess.Outcome outcome =
        SlapmonProcess.run(dir, Map.of(), "render", "--instance", profile.toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith(profile + ": error: [buildout] directory: no partition folder: give"
            + " --partition DIR");
    try (Stream<Path> files = Files.list(checkout)) {
      assertThat(files).containsExactly(profile);
    }
  }

  @Test
  void demo_on_port_0_takes_a_free_port() throws Exception {
    Path partition = dir.resolve("demo");
    Process demo =
        SlapmonProcess.start(dir, Map.of(), "demo", "--port", "0", "--dir", partition.toString());
    try {
      String printed = awaitOutput(demo, "Ctrl-C");
      Matcher port = Pattern.compile("dashboard: https://127\\.0\\.0\\.1:(\\d+)/").matcher(printed);
      assertThat(port.find()).as(printed).isTrue();
      assertThat(Integer.parseInt(port.group(1))).isPositive();
      demo.destroy();
      assertThat(demo.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(demo.exitValue()).isZero();
      assertThat(partition).as("kept, as --dir asks").isDirectory();
    } finally {
      demo.destroyForcibly();
    }
  }

  @Test
  void demo_that_cannot_listen_says_where_and_leaves_no_folder() throws Exception {
    Path partition = dir.resolve("demo");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      SlapmonProcess.Outcome outcome =
          SlapmonProcess.run(
              dir, Map.of(), "demo", "--port", Integer.toString(taken.getLocalPort()), "--dir",
              partition.toString());

      assertThat(outcome.exitCode()).isEqualTo(1);
      assertThat(outcome.err())
          .startsWith("slapmon: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " ")
          .contains("address already in use");
      assertThat(outcome.err().lines()).hasSize(1);
      assertThat(partition).doesNotExist();
    }
  }

  private String awaitOutput(Process process, String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && process.isAlive()) {
      String out = SlapmonProcess.read(dir, "stdout");
      if (out.contains(marker)) {
        return out;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + marker + "'; it said: " + SlapmonProcess.read(dir, "stderr"));
  }
}
