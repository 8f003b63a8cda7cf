package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;
import slapmon.runtime.promise.EngineSettings;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.testing.TestLayouts;

/**
 * The original's {@code testglobalstate.py} (SPEC §C.5), ported: four real promises run by the
 * promise engine, two failing, then all fixed. The expected document is the seed-era shape of
 * §A.8.2 that §C.5 recommends asserting ({@code hosting-title}, {@code warning}, {@code
 * _embedded.promises} with {@code time}, {@code share/jio_*} URLs), not the 0.74 flat shape.
 * Differences, each decided in DESIGN §3: {@code date} is UTC (§3.2); the added fields {@code
 * runner} (§3.11, staleness), {@code writes} (failing writes, a full disk) and {@code unreadable}
 * (the skipped status files, SPEC D.25) are compared separately or elsewhere; {@code parameters} comes from {@code config.json} as the bootstrap writes
 * it, here a fixture file.
 */
@Timeout(60)
final class GlobalStateAcceptanceTest {
  private static final Instant FIRST = Instant.parse("2026-11-24T10:47:01.250Z");
  private static final Instant SECOND = FIRST.plus(Duration.ofMinutes(1));

  @TempDir Path dir;
  private Path promises;

  @BeforeEach
  void layOut() throws IOException {
    promises = Files.createDirectories(dir.resolve("promise"));
    Path config = Files.createDirectories(dir.resolve("private/config/.jio_documents"));
    Files.write(config.resolve("config.json"), Fixtures.resource("config.json"));
    script("promise_1", true);
    script("promise_2", false);
    script("promise_3", false);
    script("promise_4", true);
  }

  private void script(String name, boolean ok) throws IOException {
    Path file = promises.resolve(name);
    Files.writeString(
        file,
        ok ? "#!/bin/sh\necho \"success\"\nexit 0\n" : "#!/bin/sh\necho \"failed\"\nexit 2\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void runPromises(Instant at) throws Exception {
    EngineSettings settings =
        new EngineSettings(
            "Monitor", "Monitor ROOT", Fixtures.BASE,
            TestLayouts.seedEra(
                dir, dir.resolve("public"), dir.resolve("private"), List.of(promises),
                Optional.empty(), Optional.empty()),
            EngineSettings.DEFAULT_PERIOD, EngineSettings.DEFAULT_TIMEOUT, 2,
            EngineSettings.DEFAULT_RETENTION_DAYS, EngineSettings.DEFAULT_OUTPUT_CAP,
            Optional.empty());
    try (PromiseEngine engine = PromiseEngine.create(settings, Clock.fixed(at, ZoneOffset.UTC))) {
      engine.runPromisesOnce(Optional.empty());
    }
  }

  private static RunnerHealth ranAt(Instant at) {
    return new RunnerHealth(Optional.of(at), at.plusSeconds(60), Duration.ofSeconds(60));
  }

  private static ObjectNode withoutVolatile(JsonNode document) {
    ObjectNode copy = document.deepCopy();
    copy.remove(List.of("date", "runner", "writes"));
    ((ObjectNode) copy.get("_embedded")).remove("promises");
    return copy;
  }

  @Test
  void two_failing_promises_give_an_error_state_in_the_seed_shape() throws Exception {
    runPromises(FIRST);
    PublishSummary summary = new StatePublisher(Fixtures.settings(dir)).publish(FIRST.plusSeconds(1), ranAt(FIRST));

    assertThat(dir.resolve("public/feed")).isRegularFile();
    assertThat(dir.resolve("public/monitor.global.json")).isRegularFile();
    JsonNode state = Json.read(dir.resolve("private/monitor.global.json"));
    assertThat(withoutVolatile(state))
        .isEqualTo(Json.mapper().readTree(Fixtures.resource("private-global-error.json")));
    assertThat(state.get("date").asText()).isEqualTo("2026-11-24T10:47:02+0000");
    JsonNode embedded = state.path("_embedded").path("promises");
    assertThat(embedded.findValuesAsText("title"))
        .containsExactly("promise_1", "promise_2", "promise_3", "promise_4");
    assertThat(embedded.findValuesAsText("status")).containsExactly("OK", "ERROR", "ERROR", "OK");
    assertThat(embedded.findValuesAsText("time")).containsOnly("10:47:01");
    assertThat(embedded.get(1).get("message").asText()).isEqualTo("failed\n");
    assertThat(summary).isEqualTo(new PublishSummary("ERROR", 2, 2, 0, List.of(), false));
  }

  @Test
  void all_promises_fixed_give_an_ok_state() throws Exception {
    runPromises(FIRST);
    StatePublisher publisher = new StatePublisher(Fixtures.settings(dir));
    publisher.publish(FIRST.plusSeconds(1), ranAt(FIRST));
    script("promise_2", true);
    script("promise_3", true);
    runPromises(SECOND);
    publisher.publish(SECOND.plusSeconds(1), ranAt(SECOND));

    JsonNode state = Json.read(dir.resolve("private/monitor.global.json"));
    assertThat(state.get("status").asText()).isEqualTo("OK");
    assertThat(state.get("state")).isEqualTo(Json.mapper().readTree("{\"error\":0,\"success\":4,\"warning\":0}"));
    JsonNode publicState = Json.read(dir.resolve("public/monitor.global.json"));
    assertThat(publicState.get("status").asText()).isEqualTo("OK");
    JsonNode series = Json.read(dir.resolve("private/data/.jio_documents/monitor_state.data.json"));
    assertThat(Json.mapper().convertValue(series.get("data"), String[].class))
        .containsExactly(
            "Date, Success, Error, Warning", "2026-11-24 10:47:02, 2, 2, 0", "2026-11-24 10:48:02, 4, 0, 0");
  }

  @Test
  void public_state_is_the_summary_with_the_runner_health() throws Exception {
    runPromises(FIRST);
    new StatePublisher(Fixtures.settings(dir)).publish(FIRST.plusSeconds(1), ranAt(FIRST));

    JsonNode publicState = Json.read(dir.resolve("public/monitor.global.json"));
    assertThat(publicState)
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"status\":\"ERROR\",\"date\":\"2026-11-24T10:47:02+0000\","
                        + "\"title\":\"Monitor\",\"hosting-title\":\"Monitor ROOT\","
                        + "\"specialise_title\":\"Monitor ROOT\",\"_links\":{\"monitor\":{\"href\":"
                        + "\"https://monitor.test.com/share/private/\"},\"related_monitor\":[]},"
                        + "\"runner\":{\"last-run\":\"2026-11-24T10:47:01+00:00\","
                        + "\"next-run\":\"2026-11-24T10:48:01+00:00\",\"period\":60,\"stale\":false}}"));
  }
}
