package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import slapmon.templates.ShellScripts;

/**
 * The wrappers always name a class-data sharing archive; one that is missing, empty or not an
 * archive at all (a software build that could not make it, a disk that filled up) never stops
 * the monitor: it starts, with the wrappers' JVM options, and answers over HTTPS.
 */
@Timeout(180)
final class ClassDataOptionsStartTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"missing", "empty", "garbage"})
  void the_monitor_starts_whatever_the_archive_is(String archiveState) throws Exception {
    Path archive = dir.resolve("slapmon.jsa");
    if (archiveState.equals("empty")) {
      Files.createFile(archive);
    } else if (archiveState.equals("garbage")) {
      Files.write(archive, "not a class-data archive\n".repeat(100).getBytes());
    }
    List<String> options = new ArrayList<>(Arrays.asList(ShellScripts.JVM_OPTIONS.split(" ")));
    options.addAll(Arrays.asList(ShellScripts.classDataOptions(archive.toString()).split(" ")));
    Path partition = dir.resolve("partition");
    int port = freePort();
    Process demo =
        SlapmonProcess.startWithJvmOptions(
            dir, Map.of(), options, "demo", "--dir", partition.toString(), "--port", "" + port);
    try {
      String status = SlapmonProcess.awaitDemoFeeds(demo, partition, port);
      assertThat(status)
          .as("feeds on port %s answered (alive %s); stderr: %s", port, demo.isAlive(),
              SlapmonProcess.read(dir, "stderr"))
          .isEqualTo("200");
    } finally {
      demo.destroy();
      if (!demo.waitFor(30, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }
}
