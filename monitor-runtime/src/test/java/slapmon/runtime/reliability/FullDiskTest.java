package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * {@code slapmon run} with its published folders on a 2 MiB tmpfs that is then filled up: it keeps
 * running and serving, says so once in its log and in {@code /metrics}, leaves every file whole,
 * and recovers by itself when space comes back, its global state then naming the failure. The
 * tmpfs lives in a mount namespace of slapmon's own ({@code unshare -m}, with {@code -r} when not
 * root), so nothing is mounted on the machine; skipped where namespaces are not allowed.
 */
final class FullDiskTest {
  @TempDir Path dir;

  @Test
  void a_full_disk_is_reported_survived_and_recovered_from() throws Exception {
    List<String> unshare = unshareCommand();
    assumeTrue(unshare != null, "needs unshare -m (as root) or unshare -rm (user namespaces)");
    HttpsSetup https = HttpsSetup.create(dir.resolve("etc"));
    ReliabilityPartition partition =
        new ReliabilityPartition(dir).steadyPromises(10, "0.1").timeoutSeconds(5)
            .httpd(https.httpdLines()).writeConf();
    List<String> command = new ArrayList<>(unshare);
    command.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=2m slapmon-full-disk \"$0\" && exec \"$@\"",
        partition.monitorFolder.toString(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "slapmon.runtime.launch.Main",
        "run", "--config", partition.conf.toString(), "--period", "1"));
    Process monitor =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    try {
      // The tmpfs is seen through the process's own root.
      Path seen = Path.of("/proc/" + monitor.pid() + "/root" + partition.monitorFolder);
      Path publicFolder = seen.resolve("public");
      Path privateState = seen.resolve("private/monitor.global.json");
      await("statuses and the global state on the tmpfs", monitor,
          () -> Files.exists(publicFolder.resolve("steady-010.status.json")) && Files.exists(privateState));

      long filled = fill(seen.resolve("filler"));
      await("/metrics saying writes fail", monitor, () -> metric(https, "slapmon_writes_failing").equals("1.0"));
      String lastStart = startDate(publicFolder);
      TimeUnit.SECONDS.sleep(3); // three more periods on a full disk
      assertThat(HttpsSetup.statusOf(https.curl("/public/monitor.global.json", false, false)))
          .as("serving while the disk is full").isEqualTo(200);
      assertThat(HttpsSetup.statusOf(https.curl("/private/monitor.global.json", true, false))).isEqualTo(200);
      int checked = PublishedFiles.assertAllParse(seen);
      assertThat(monitor.isAlive()).isTrue();
      String log = Files.readString(dir.resolve("stderr"));
      assertThat(count(log, "event=writes-failing")).as("write failure logged once: %s", log).isEqualTo(1);
      assertThat(log).contains("No space left on device").doesNotContain("event=run-failed", "event=task-failed");

      Files.delete(seen.resolve("filler"));
      await("/metrics saying writes work again", monitor,
          () -> metric(https, "slapmon_writes_failing").equals("0.0"));
      await("new results after the recovery", monitor, () -> !startDate(publicFolder).equals(lastStart));
      await("the global state naming the failure", monitor, () -> {
        JsonNode writes = readQuietly(privateState).path("writes");
        return !writes.path("failing").asBoolean(true) && writes.path("failures").asLong() > 0;
      });
      JsonNode failure = Json.read(privateState).get("writes").get("last-failure");
      assertThat(failure.get("error").asText()).isEqualTo("No space left on device");
      assertThat(Files.readString(dir.resolve("stderr"))).contains("event=writes-recovered");
      PublishedFiles.assertAllParse(seen);
      String report = String.format(
          "full disk: tmpfs of 2 MiB filled with %d KiB; served 200 while full, %d files whole,"
              + " write failure logged once, reported in /metrics and then in monitor.global.json;"
              + " recovered without a restart%n", filled >> 10, checked);
      System.out.print(report);
      Reports.write("full-disk.txt", report);
    } finally {
      monitor.destroy();
      monitor.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** {@code unshare -m} as root, {@code unshare -rm} otherwise; null when neither works here. */
  private static List<String> unshareCommand() throws InterruptedException {
    for (List<String> candidate : List.of(List.of("unshare", "-m"), List.of("unshare", "-rm"))) {
      try {
        List<String> probe = new ArrayList<>(candidate);
        probe.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=64k probe /mnt 2>/dev/null || mount -t tmpfs -o size=64k probe /tmp"));
        Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException notInstalled) {
        return null;
      }
    }
    return null;
  }

  /** Writes until the file system is full; returns how much went in. */
  private static long fill(Path filler) throws IOException {
    byte[] block = new byte[64 * 1024];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
    return written;
  }

  private static String metric(HttpsSetup https, String name) {
    try {
      for (String line : https.curl("/metrics", true, true).split("\n")) {
        if (line.startsWith(name + " ")) {
          return line.substring(name.length() + 1).strip();
        }
      }
      return "";
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }

  private static String startDate(Path publicFolder) {
    return readQuietly(publicFolder.resolve("steady-001.status.json")).path("date").asText("");
  }

  private static JsonNode readQuietly(Path file) {
    try {
      return Json.read(file);
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }

  private static int count(String text, String what) {
    int count = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      count++;
    }
    return count;
  }

  private void await(String what, Process monitor, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(monitor.isAlive()).as("slapmon running; it said: %s",
          Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8)).isTrue();
      assertThat(System.nanoTime()).as("%s within 60 s", what).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
