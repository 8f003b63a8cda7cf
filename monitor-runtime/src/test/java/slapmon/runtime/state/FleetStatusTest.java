package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * How the sub-monitors' states, as the latest refresh wrote them, fold into a root's status, and
 * what the root's monitor.global.json then says.
 */
final class FleetStatusTest {
  private static final URI A = URI.create("https://a.example");
  private static final URI B = URI.create("https://b.example");
  private static final URI C = URI.create("https://c.example");

  @TempDir Path dir;

  private void refreshed(String... monitors) throws Exception {
    Files.writeString(dir.resolve("monitor.sub-monitors.json"),
        "{\"date\": \"2026-12-07T10:00:00.000Z\", \"monitors\": [" + String.join(",", monitors)
            + "]}");
  }

  private static String answered(URI url, String status) {
    return "{\"url\": \"" + url + "\", \"status\": \"" + status + "\", \"problem\": null}";
  }

  private static String failed(URI url, String problem) {
    return "{\"url\": \"" + url + "\", \"status\": null, \"problem\": \"" + problem + "\"}";
  }

  @Test
  void each_state_is_counted_and_an_unreachable_one_weighs_as_error() throws Exception {
    refreshed(answered(A, "OK"), answered(B, "WARNING"), failed(C, "TLS: untrusted certificate"));

    FleetStatus fleet = FleetStatus.read(dir, List.of(A, B, C));

    assertThat(fleet)
        .isEqualTo(new FleetStatus(1, 1, 0, 1, Optional.of("2026-12-07T10:00:00.000Z")));
    assertThat(fleet.fold("OK")).isEqualTo("ERROR");
  }

  @Test
  void the_root_takes_the_worst_of_its_own_status_and_its_sub_monitors() throws Exception {
    refreshed(answered(A, "OK"), answered(B, "WARNING"));
    FleetStatus warning = FleetStatus.read(dir, List.of(A, B));
    assertThat(warning.fold("OK")).isEqualTo("WARNING");
    assertThat(warning.fold("ERROR")).isEqualTo("ERROR");

    refreshed(answered(A, "OK"), answered(B, "OK"));
    FleetStatus ok = FleetStatus.read(dir, List.of(A, B));
    assertThat(ok.fold("OK")).isEqualTo("OK");
    assertThat(ok.fold("WARNING")).isEqualTo("WARNING");

    refreshed(answered(A, "OK"), answered(B, "PANIC"));
    assertThat(FleetStatus.read(dir, List.of(A, B)).error()).isEqualTo(1);
  }

  @Test
  void only_the_current_monitor_url_list_counts_and_nothing_before_the_first_refresh()
      throws Exception {
    assertThat(FleetStatus.read(dir, List.of(A))).isEqualTo(FleetStatus.NONE);

    refreshed(failed(C, "unreachable: connection refused"), answered(A, "OK"));
    FleetStatus fleet = FleetStatus.read(dir, List.of(A, B));

    assertThat(fleet.unreachable()).isZero();
    assertThat(fleet.ok()).isEqualTo(1);
    assertThat(fleet.fold("OK")).isEqualTo("OK");
    assertThat(FleetStatus.read(dir, List.of())).isEqualTo(FleetStatus.NONE);
  }

  @Test
  void the_published_global_state_is_error_with_the_counts() throws Exception {
    StateSettings settings =
        Fixtures.settings(dir, List.of(A, B), StateSettings.DEFAULT_SERIES_ROWS);
    Files.createDirectories(settings.privateFolder());
    Files.writeString(settings.privateFolder().resolve("monitor.sub-monitors.json"),
        "{\"date\": \"2026-12-07T10:00:00.000Z\", \"monitors\": ["
            + answered(A, "OK") + "," + failed(B, "no answer within 5 s") + "]}");

    Instant now = Instant.parse("2026-12-07T10:00:30Z");
    RunnerHealth health =
        new RunnerHealth(Optional.of(now), now.plusSeconds(60), Duration.ofSeconds(60));
    PublishSummary summary = new StatePublisher(settings).publish(now, health);

    JsonNode privateState = Json.read(settings.privateFolder().resolve("monitor.global.json"));
    JsonNode publicState = Json.read(settings.publicFolder().resolve("monitor.global.json"));
    assertThat(summary.status()).isEqualTo("ERROR");
    assertThat(privateState.path("status").asText()).isEqualTo("ERROR");
    assertThat(publicState.path("status").asText()).isEqualTo("ERROR");
    assertThat(privateState.path("sub-monitors").toString())
        .isEqualTo("{\"ok\":1,\"warning\":0,\"error\":0,\"unreachable\":1,"
            + "\"date\":\"2026-12-07T10:00:00.000Z\"}");
    assertThat(publicState.has("sub-monitors")).isFalse();
  }
}
