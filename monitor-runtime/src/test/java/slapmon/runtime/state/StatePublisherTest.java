package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;
import slapmon.runtime.testing.TestLayouts;

/** The publisher's robustness and its smaller documents (SPEC §A.8.5, §A.8.6, D.25). */
final class StatePublisherTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:47:01Z");
  private static final RunnerHealth HEALTH =
      new RunnerHealth(Optional.of(NOW), NOW.plusSeconds(60), Duration.ofSeconds(60));

  @TempDir Path dir;

  private JsonNode privateState() throws Exception {
    return Json.read(dir.resolve("private/monitor.global.json"));
  }

  @Test
  void corrupt_and_half_written_status_files_are_skipped_and_named() throws Exception {
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    files.write("good", false, NOW, NOW, "failed\n");
    files.raw("torn.status.json", "{\"status\": \"OK\", \"title\": \"torn\", \"mess");
    files.raw("empty.status.json", "");
    files.raw("array.status.json", "[1, 2]");
    files.raw("nostatus.status.json", "{\"title\": \"nostatus\", \"change-time\": 1}");
    ObjectNode iso = StatusFiles.document("iso", true, NOW, NOW, "ok");
    iso.put("start-date", "2026-11-24T10:47:01+00:00"); // what crashed the original (D.25)
    files.write("iso", iso);
    ObjectNode bare = StatusFiles.document("bare", true, NOW, NOW, "ok");
    bare.remove(List.of("start-date", "date", "title", "message"));
    files.write("bare", bare);

    PublishSummary summary = new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);

    assertThat(summary.skipped())
        .containsExactly("array.status.json", "empty.status.json", "nostatus.status.json", "torn.status.json");
    assertThat(summary.status()).isEqualTo("ERROR");
    JsonNode state = privateState();
    assertThat(Json.mapper().convertValue(state.get("unreadable"), String[].class))
        .containsExactlyElementsOf(summary.skipped());
    JsonNode promises = state.at("/_embedded/promises");
    assertThat(promises).hasSize(3);
    assertThat(promises.get(0).has("time")).isFalse(); // bare: no start-date nor date
    assertThat(promises.get(2).get("time").asText()).isEqualTo("10:47:01"); // iso, from its date
    assertThat(Feedparser.ids(Feedparser.parse(dir.resolve("public/feed")))).hasSize(3);
  }

  @Test
  void promises_are_embedded_in_file_name_order() throws Exception {
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    for (String title : List.of("zeta", "alpha", "Mid", "beta-2", "beta-10")) {
      files.write(title, true, NOW, NOW, "ok");
    }
    new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);

    assertThat(privateState().at("/_embedded/promises").findValuesAsText("title"))
        .containsExactly("Mid", "alpha", "beta-10", "beta-2", "zeta");
  }

  @Test
  void related_monitors_are_linked_from_both_states() throws Exception {
    StateSettings settings =
        Fixtures.settings(
            dir, List.of(URI.create("https://sub1.test.com/"), URI.create("https://[::1]:8196")), 10);
    new StatePublisher(settings).publish(NOW, HEALTH);

    JsonNode expected =
        Json.mapper()
            .readTree(
                "[{\"href\":\"https://sub1.test.com/share/public\"},"
                    + "{\"href\":\"https://[::1]:8196/share/public\"}]");
    assertThat(privateState().at("/_links/related_monitor")).isEqualTo(expected);
    assertThat(Json.read(dir.resolve("public/monitor.global.json")).at("/_links/related_monitor"))
        .isEqualTo(expected);
  }

  @Test
  void runner_is_stale_when_its_last_run_is_older_than_two_periods() throws Exception {
    Duration minute = Duration.ofSeconds(60);
    RunnerHealth lastRunLongAgo = new RunnerHealth(Optional.of(NOW.minusSeconds(121)), NOW, minute);
    RunnerHealth lastRunRecent = new RunnerHealth(Optional.of(NOW.minusSeconds(120)), NOW, minute);
    RunnerHealth neverRanOverdue = new RunnerHealth(Optional.empty(), NOW.minusSeconds(61), minute);
    RunnerHealth neverRanYet = new RunnerHealth(Optional.empty(), NOW.plusSeconds(30), minute);

    assertThat(lastRunLongAgo.stale(NOW)).isTrue();
    assertThat(lastRunRecent.stale(NOW)).isFalse();
    assertThat(neverRanOverdue.stale(NOW)).isTrue();
    assertThat(neverRanYet.stale(NOW)).isFalse();

    PublishSummary summary = new StatePublisher(Fixtures.settings(dir)).publish(NOW, lastRunLongAgo);
    assertThat(summary.runnerStale()).isTrue();
    assertThat(privateState().get("runner"))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"last-run\":\"2026-11-24T10:45:00+00:00\",\"next-run\":\"2026-11-24T10:47:01+00:00\","
                        + "\"period\":60,\"stale\":true}"));
    new StatePublisher(Fixtures.settings(dir)).publish(NOW, neverRanOverdue);
    assertThat(Json.read(dir.resolve("public/monitor.global.json")).at("/runner/last-run").isNull()).isTrue();
  }

  @Test
  void document_lists_name_the_json_files_sorted_without_extension() throws Exception {
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    files.write("b_promise", true, NOW, NOW, "ok");
    files.write("a_promise", true, NOW, NOW, "ok");
    files.raw("a_promise.history.json", "{}");
    files.raw(".hidden.json", "{}");
    files.raw("notes.txt", "x");
    Path config = Files.createDirectories(dir.resolve("private/config/.jio_documents"));
    Files.writeString(config.resolve("config.result.json"), "{}");
    // The dashboard's own file is no document of the instance: the OfficeJS app takes every
    // name listed in private/_document_list for one. Reports are (the original lists them).
    Files.writeString(dir.resolve("private/monitor.sub-monitors.json"), "{}");
    Files.writeString(dir.resolve("private/disk.report.json"), "{}");
    new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);

    assertThat(Files.readString(dir.resolve("public/_document_list")))
        .isEqualTo("a_promise.history\na_promise.status\nb_promise.status\nmonitor.global");
    assertThat(Files.readString(dir.resolve("private/_document_list")))
        .isEqualTo("disk.report\nmonitor.global");
    assertThat(config.resolve("_document_list")).doesNotExist();
    assertThat(Files.readString(dir.resolve("private/data/.jio_documents/_document_list")))
        .isEqualTo("monitor_state.data");
  }

  @Test
  void state_series_keeps_its_creation_date_and_only_the_newest_rows() throws Exception {
    new StatusFiles(dir.resolve("public")).write("p", false, NOW, NOW, "failed");
    Path series = dir.resolve("private/data/.jio_documents/monitor_state.data.json");
    Files.createDirectories(series.getParent());
    Files.writeString(
        series, "{\"date\": 1507284001.2, \"data\": [\"Date, Success, Error, Warning\", \"2017-10-06 12:00:01, 5, 1, 0\"]}");
    StateSettings settings = Fixtures.settings(dir, List.of(), 3);
    StatePublisher publisher = new StatePublisher(settings);
    for (int minute = 0; minute < 4; minute++) {
      publisher.publish(NOW.plusSeconds(60L * minute), HEALTH);
    }

    JsonNode doc = Json.read(series);
    assertThat(doc.get("date").decimalValue()).isEqualByComparingTo("1507284001.2");
    assertThat(Json.mapper().convertValue(doc.get("data"), String[].class))
        .containsExactly(
            "Date, Success, Error, Warning", "2026-11-24 10:48:01, 0, 1, 0",
            "2026-11-24 10:49:01, 0, 1, 0", "2026-11-24 10:50:01, 0, 1, 0");
  }

  @Test
  void state_series_counts_warnings_by_nagios_status_and_keeps_the_legacy_counts() throws Exception {
    StatusFiles files = new StatusFiles(dir.resolve("public"));
    files.write("fine", true, NOW, NOW, "ok");
    files.write("broken", false, NOW, NOW, "critical");
    files.write("warned", false, NOW, NOW, "warning");
    Path warned = dir.resolve("public/warned.status.json");
    ObjectNode document = (ObjectNode) Json.read(warned);
    document.put("nagios-status", "WARNING"); // a Nagios plugin's exit 1: status ERROR
    Files.write(warned, Json.bytes(document));
    new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);

    Path series = dir.resolve("private/data/.jio_documents/monitor_state.data.json");
    assertThat(Json.mapper().convertValue(Json.read(series).get("data"), String[].class))
        .containsExactly("Date, Success, Error, Warning", "2026-11-24 10:47:01, 1, 2, 1");
    assertThat(privateState().get("state").get("error").asInt()).isEqualTo(2);
    assertThat(privateState().get("status").asText()).isEqualTo("ERROR");
  }

  @Test
  void a_corrupt_state_series_is_started_afresh() throws Exception {
    Path series = dir.resolve("private/data/.jio_documents/monitor_state.data.json");
    Files.createDirectories(series.getParent());
    Files.writeString(series, "{\"date\": 1507284001.2, \"data\": [\"Date, Su");
    new StatePublisher(Fixtures.settings(dir)).publish(NOW, HEALTH);

    JsonNode doc = Json.read(series);
    assertThat(doc.get("date").decimalValue()).isEqualByComparingTo(Json.epochSeconds(NOW));
    assertThat(Json.mapper().convertValue(doc.get("data"), String[].class))
        .containsExactly("Date, Success, Error, Warning", "2026-11-24 10:47:01, 0, 0, 0");
  }

  @Test
  void an_empty_monitor_publishes_an_ok_state_and_leaves_no_temporary_files() throws Exception {
    StateSettings settings =
        new StateSettings(
            "", "", URI.create("https://[::1]:8196/"),
            TestLayouts.folders(dir, dir.resolve("public"), dir.resolve("private")),
            List.of(), PartitionIdentity.unknown(), 10);
    PublishSummary summary = new StatePublisher(settings).publish(NOW, HEALTH);

    assertThat(summary).isEqualTo(new PublishSummary("OK", 0, 0, 0, List.of(), false));
    JsonNode state = privateState();
    assertThat(state.get("title").asText()).isEqualTo("Instance Monitoring");
    // Every key, even unknown: the OfficeJS app hides the parameter editor without a computer.
    assertThat(state.at("/_embedded/instance"))
        .isEqualTo(Json.mapper().valueToTree(Map.of("computer", "", "ipv4", "", "ipv6", "",
            "software-release", "", "software-type", "", "partition", "")));
    assertThat(state.has("parameters")).isFalse();
    assertThat(state.at("/_links/rss_url/href").asText()).isEqualTo("https://[::1]:8196/public/feed");
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains(".tmp-"));
    }
    assertThat(Files.readString(dir.resolve("public/feed"), StandardCharsets.UTF_8)).contains("<channel>");
  }
}
