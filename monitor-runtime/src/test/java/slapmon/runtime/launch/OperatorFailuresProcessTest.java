package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures an operator causes end in one line that names the address, key or path and what was
 * wrong, with the exit code the README documents; a stop asked for by a signal exits 0.
 */
@Timeout(180)
final class OperatorFailuresProcessTest {
  @TempDir Path dir;
  private Path partition;
  private Path conf;
  private int port;

  @BeforeEach
  void renderPartition() throws Exception {
    partition = dir.resolve("partition");
    port = freePort();
    Path profile = dir.resolve("instance.cfg");
    Files.writeString(
        profile,
        String.join(
            "\n",
            "[monitor-instance-parameter]",
            "monitor-httpd-ipv6 = ::1",
            "monitor-httpd-port = " + port,
            "monitor-base-url = https://[::1]:" + port,
            "[monitor-conf-parameters]",
            "ipv4 = 127.0.0.1",
            ""),
        StandardCharsets.UTF_8);
    SlapmonProcess.Outcome rendered =
        SlapmonProcess.run(
            dir, Map.of(), "render", "--instance", profile.toString(), "--partition",
            partition.toString());
    assertThat(rendered.exitCode()).as(rendered.err()).isZero();
    conf = partition.resolve("etc/monitor.conf");
  }

  @Test
  void port_in_use_names_the_address_and_exits_1() throws Exception {
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getByName("::1"))) {
      assertThat(taken.isBound()).isTrue();
      SlapmonProcess.Outcome outcome =
          SlapmonProcess.run(dir, Map.of(), "run", "--config", conf.toString());

      assertThat(outcome.exitCode()).isEqualTo(1);
      assertThat(outcome.err())
          .isEqualTo(
              "slapmon: cannot listen on [::1]:" + port + " (listen-address and port of [httpd] in "
                  + conf + "): address already in use; stop what listens there or choose another"
                  + " port\n");
    }
  }

  @Test
  void missing_certificate_is_found_by_check_config_and_named_by_run() throws Exception {
    Path certificate = partition.resolve("srv/ssl/certs/httpd.crt");
    Files.delete(certificate);
    int line = lineOf(conf, "cert-file = ");

    SlapmonProcess.Outcome checked =
        SlapmonProcess.run(dir, Map.of(), "check-config", "--monitor-conf", conf.toString());
    assertThat(checked.exitCode()).isEqualTo(2);
    assertThat(checked.err())
        .isEqualTo(
            conf + ":" + line + ": error: [httpd] cert-file: cannot read " + certificate
                + ": no such file or folder; slapmon run would not start (render the partition"
                + " again to make it)\n1 error, 0 warnings\n");

    SlapmonProcess.Outcome run =
        SlapmonProcess.run(dir, Map.of(), "run", "--config", conf.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "slapmon: cert-file / key-file of [httpd] in " + conf + ": " + certificate
                + ": no such file or folder; render the partition again (it makes a missing"
                + " certificate) or fix the path\n");
  }

  @Test
  void unwritable_partition_says_why_and_exits_1() throws Exception {
    Path file = dir.resolve("a-file");
    Files.writeString(file, "");
    SlapmonProcess.Outcome outcome =
        SlapmonProcess.run(
            dir, Map.of(), "render", "--instance", dir.resolve("instance.cfg").toString(),
            "--partition", file.resolve("sub").toString());

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.err())
        .startsWith("slapmon: render: " + file)
        .contains(": not a directory")
        .endsWith("; nothing more written\n");
    assertThat(outcome.err().lines()).hasSize(1);
  }

  @Test
  void sigterm_stops_run_cleanly_with_exit_0() throws Exception {
    Process run = SlapmonProcess.start(dir, Map.of(), "run", "--config", conf.toString());
    try {
      awaitOutput(run, "slapmon: monitoring");
      run.destroy();
      assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(run.exitValue()).as(SlapmonProcess.read(dir, "stderr")).isZero();
    } finally {
      run.destroyForcibly();
    }
  }

  private void awaitOutput(Process process, String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (SlapmonProcess.read(dir, "stdout").contains(marker)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + marker + "'; it said: " + SlapmonProcess.read(dir, "stderr"));
  }

  private static int lineOf(Path file, String start) throws IOException {
    var lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i + 1;
      }
    }
    throw new AssertionError(start + " not in " + file);
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return probe.getLocalPort();
    }
  }
}
