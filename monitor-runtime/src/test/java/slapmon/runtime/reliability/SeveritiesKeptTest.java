package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * {@code slapmon run} with real promises: one following the Nagios convention that warns (exits 1
 * with a message), one that always outlives its timeout, one fine. Their severity, WARNING and
 * TIMEOUT, is in every history entry, the status documents, the feed's titles, {@code /metrics}
 * and the private global state's counts, while the legacy fields stay OK/ERROR.
 */
final class SeveritiesKeptTest {
  @TempDir Path dir;

  @Test
  void a_warning_and_a_timeout_keep_their_severity_everywhere() throws Exception {
    HttpsSetup https = HttpsSetup.create(dir.resolve("etc"));
    ReliabilityPartition partition =
        new ReliabilityPartition(dir)
            .promise("warns", "echo 'disk 85% full'\nexit 1")
            .promise("hangs", "exec sleep 20")
            .promise("fine", "echo 'all good'")
            .timeoutSeconds(2)
            .httpd(https.httpdLines())
            .writeConf();
    Process monitor =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "slapmon.runtime.launch.Main",
                "run", "--config", partition.conf.toString(), "--period", "1")
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .start();
    try {
      Path privateState = partition.privateFolder.resolve("monitor.global.json");
      // Two entries each: the second is a short entry, the first the whole document.
      await("two runs of each and a global state with all three", monitor,
          () -> entries(partition, "warns").size() >= 2 && entries(partition, "hangs").size() >= 2
              && readQuietly(privateState).at("/_embedded/promises").size() == 3);

      Map<String, String> severities = Map.of("warns", "WARNING", "hangs", "TIMEOUT");
      for (Map.Entry<String, String> promise : severities.entrySet()) {
        String title = promise.getKey();
        String severity = promise.getValue();
        JsonNode status = Json.read(partition.publicFolder.resolve(title + ".status.json"));
        assertThat(status.get("nagios-status").asText()).as(title).isEqualTo(severity);
        assertThat(status.get("status").asText()).as(title).isEqualTo("ERROR");
        assertThat(status.get("failed").asBoolean()).as(title).isTrue();
        JsonNode entries = entries(partition, title);
        for (int i = 0; i < entries.size(); i++) {
          JsonNode entry = entries.get(i);
          String what = title + " history entry " + i;
          assertThat(entry.path("nagios-status").asText()).as(what).isEqualTo(severity);
          assertThat(entry.path("status").asText()).as(what).isEqualTo("ERROR");
          assertThat(entry.path("failed").asBoolean()).as(what).isTrue();
        }
      }
      assertThat(entries(partition, "warns").get(1).get("message").asText().strip())
          .isEqualTo("disk 85% full");

      String feed = https.curl("/public/feed", false, true);
      assertThat(feed).contains("<title>[WARNING] warns</title>", "<title>[TIMEOUT] hangs</title>",
          "<title>[OK] fine</title>");

      String metrics = https.curl("/metrics", true, true);
      assertThat(metrics)
          .contains("slapmon_promise_state{promise=\"warns\",state=\"WARNING\"} 1.0")
          .contains("slapmon_promise_state{promise=\"hangs\",state=\"TIMEOUT\"} 1.0")
          .contains("slapmon_promises{state=\"WARNING\"} 1.0")
          .contains("slapmon_promises{state=\"TIMEOUT\"} 1.0")
          .contains("slapmon_promises{state=\"OK\"} 1.0");

      JsonNode global = Json.read(privateState);
      assertThat(global.get("status").asText()).isEqualTo("ERROR");
      assertThat(global.get("state").get("error").asInt()).isEqualTo(2);
      assertThat(global.get("state").get("success").asInt()).isEqualTo(1);
      assertThat(global.get("nagios-state"))
          .isEqualTo(Json.mapper().readTree(
              "{\"OK\":1,\"WARNING\":1,\"CRITICAL\":0,\"UNKNOWN\":0,\"TIMEOUT\":1,\"ERROR\":0}"));
    } finally {
      monitor.destroy();
      monitor.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static JsonNode entries(ReliabilityPartition partition, String title) {
    return readQuietly(partition.publicFolder.resolve(title + ".history.json")).path("data");
  }

  private static JsonNode readQuietly(Path file) {
    try {
      return Json.read(file);
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
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
