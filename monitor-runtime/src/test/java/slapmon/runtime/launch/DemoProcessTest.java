package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import slapmon.runtime.collect.ResourceCollect;
import slapmon.runtime.json.Json;

/**
 * {@code slapmon demo} as a newcomer runs it: its printed URLs answer over HTTPS with the printed
 * credentials, promise statuses appear, and SIGINT stops it and removes the partition.
 */
@Timeout(240)
final class DemoProcessTest {
  @TempDir Path dir;
  private Path certificate;

  @Test
  void demo_serves_what_it_prints_and_stops_on_sigint() throws Exception {
    Process demo = SlapmonProcess.startWithSigint(dir, Map.of(), "demo", "--period", "2");
    try {
      String printed = awaitOutput("password:");
      String base = group(printed, "public:\\s+(https://\\S+)/public/");
      String password = group(printed, "password:\\s+(\\S+)");
      Path partition = Path.of(group(printed, "sample partition in (\\S+)"));
      certificate = partition.resolve("srv/ssl/certs/httpd.crt");
      Path netrc = dir.resolve("netrc");
      Files.writeString(netrc, "machine 127.0.0.1 login admin password " + password + "\n");
      assertThat(curl(base + "/public/", null)).isEqualTo("200");
      assertThat(curl(base + "/private/", null)).isEqualTo("401");
      assertThat(curl(base + "/private/", netrc)).isEqualTo("200");
      Path statuses = partition.resolve("srv/monitor/public");
      assertThat(awaitStatus(statuses, "check-ok").get("status").asText()).isEqualTo("OK");
      assertThat(awaitStatus(statuses, "check-failing").get("status").asText()).isEqualTo("ERROR");
      assertThat(awaitStatus(statuses, "monitor-httpd-listening-on-tcp").get("status").asText())
          .as("the stack's own promise, rendered by slapmon render, finds the server")
          .isEqualTo("OK");
      if (Files.isExecutable(Path.of("/usr/lib/nagios/plugins/check_dummy"))) {
        assertThat(awaitStatus(statuses, "nagios-check-dummy").get("nagios-status").asText())
            .isEqualTo("WARNING");
      }
      assertThat(curl(base + "/public/check-ok.status.json", null)).isEqualTo("200");
      assertThat(curl(base + "/private/check-failing.status.json", netrc)).isEqualTo("200");
      assertThat(curl(base + "/", netrc)).as("the dashboard").isEqualTo("200");
      if (ResourceCollect.currentUid() == 0) {
        assertOnlyItsOwnProcesses(demo, partition.resolve("srv/monitor/private/data/.jio_documents"));
      }
      new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
      // A bound, not a speed: stopping kills the promises still running and removes the partition,
      // which takes long on a loaded machine.
      assertThat(demo.waitFor(90, TimeUnit.SECONDS))
          .as("stopped on SIGINT; it said: %s", SlapmonProcess.read(dir, "stderr"))
          .isTrue();
      assertThat(demo.exitValue()).as("Ctrl-C is a clean stop").isZero();
      assertThat(partition).doesNotExist();
    } finally {
      demo.destroyForcibly();
    }
  }

  /**
   * As root, the resource documents list the demo and its children, not the machine's processes:
   * each listed process still alive is the demo or one of its descendants.
   */
  private static void assertOnlyItsOwnProcesses(Process demo, Path documents)
      throws IOException, InterruptedException {
    Path file = documents.resolve("monitor_process_resource.status.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    List<Long> listed = new ArrayList<>();
    Json.read(file).forEach(p -> listed.add(p.get("pid").asLong()));
    Set<Long> tree = new HashSet<>(List.of(demo.pid()));
    demo.descendants().forEach(p -> tree.add(p.pid()));
    List<Long> foreign =
        listed.stream().filter(pid -> ProcessHandle.of(pid).isPresent() && !tree.contains(pid))
            .toList();
    assertThat(listed).contains(demo.pid());
    assertThat(foreign).as("processes listed that are not the demo's").isEmpty();
  }

  /** The status document of {@code promise}, once the demo wrote it (within 60 s). */
  private static JsonNode awaitStatus(Path folder, String promise)
      throws IOException, InterruptedException {
    Path status = folder.resolve(promise + ".status.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(status) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(status).as("written by the demo").exists();
    return Json.read(status);
  }

  private String awaitOutput(String marker) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String out = SlapmonProcess.read(dir, "stdout");
      if (out.contains(marker) && out.contains("Ctrl-C")) {
        return out;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("the demo printed no credentials; it said: " + SlapmonProcess.read(dir, "stderr"));
  }

  private static String group(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as("'%s' in %s", regex, text).isTrue();
    return matcher.group(1);
  }

  /** The status curl got, verifying the demo's own certificate. */
  private String curl(String url, Path netrc) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "--cacert", certificate.toString(), "-o", "/dev/null", "-w", "%{http_code}"));
    if (netrc != null) {
      command.addAll(List.of("--netrc-file", netrc.toString()));
    }
    command.add(url);
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
