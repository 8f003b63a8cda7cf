package slapmon.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/** The http_sd document: one target group per monitor, in the shape Prometheus reads. */
final class FleetTargetsTest {
  @TempDir Path dir;

  @Test
  void this_monitor_then_each_sub_monitor_with_its_labels() throws Exception {
    Files.writeString(dir.resolve("monitor.sub-monitors.json"),
        "{\"date\":\"2026-11-24T10:45:00+00:00\",\"monitors\":["
            + "{\"url\":\"https://[2001:db8::2]:4443\",\"title\":\"DB\",\"status\":\"OK\","
            + "\"problem\":null,\"placeholder\":false},"
            + "{\"url\":\"https://front.example/sub/b\",\"title\":\"https://front.example/sub/b"
            + " (HTTP 503)\",\"status\":null,\"problem\":\"HTTP 503\",\"placeholder\":true}]}");
    FleetTargets targets =
        new FleetTargets(URI.create("https://front.example/root/"), "Root", "Tree",
            List.of(URI.create("https://[2001:db8::2]:4443"),
                URI.create("https://front.example/sub/b"),
                URI.create("https://[2001:db8::2]:4443/")),
            dir);
    JsonNode groups = Json.mapper().readTree(targets.render());

    assertThat(groups).hasSize(3);
    assertThat(groups.get(0).toString())
        .isEqualTo("{\"targets\":[\"front.example:443\"],\"labels\":{\"__scheme__\":\"https\","
            + "\"__metrics_path__\":\"/root/metrics\",\"instance\":\"front.example/root\","
            + "\"slapmon_role\":\"self\",\"slapmon_root_title\":\"Tree\",\"slapmon_title\":\"Root\"}}");
    assertThat(groups.get(1).toString())
        .isEqualTo("{\"targets\":[\"[2001:db8::2]:4443\"],\"labels\":{\"__scheme__\":\"https\","
            + "\"__metrics_path__\":\"/metrics\",\"instance\":\"[2001:db8::2]:4443\","
            + "\"slapmon_role\":\"sub-monitor\",\"slapmon_root_title\":\"Tree\","
            + "\"slapmon_title\":\"DB\"}}");
    // A placeholder title is ours, not the sub-monitor's: no title label.
    assertThat(groups.get(2).path("labels").has("slapmon_title")).isFalse();
    assertThat(groups.get(2).path("labels").path("instance").asText())
        .isEqualTo("front.example/sub/b");
  }

  @Test
  void before_the_first_title_refresh_the_targets_are_there_without_titles() throws Exception {
    FleetTargets targets =
        new FleetTargets(URI.create("https://127.0.0.1:9000"), "Root", "Tree",
            List.of(URI.create("https://127.0.0.1:9001")), dir);
    JsonNode groups = Json.mapper().readTree(targets.render());
    assertThat(groups).hasSize(2);
    assertThat(groups.get(1).path("targets").get(0).asText()).isEqualTo("127.0.0.1:9001");
    assertThat(groups.get(1).path("labels").has("slapmon_title")).isFalse();
  }
}
