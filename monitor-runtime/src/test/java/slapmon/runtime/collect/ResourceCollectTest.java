package slapmon.runtime.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/** The collect from the collector database, end to end, on the §C.4 fixture. */
final class ResourceCollectTest {
  private static final Instant AT_00_04_30 = Instant.parse("2017-09-16T00:04:30Z");

  @TempDir Path dir;
  private Path db;
  private Path out;

  @BeforeEach
  void load_fixture() throws Exception {
    db = CollectorFixture.load(dir);
    out = dir.resolve("private/data/.jio_documents");
  }

  private ResourceCollect collect(Path database, int limit) {
    return new ResourceCollect(
        new CollectSettings(out, Optional.of(database), CollectorFixture.PARTITION, 0, limit));
  }

  private JsonNode read(String name) throws IOException {
    return Json.read(out.resolve(name));
  }

  private List<String> rows(String name) throws IOException {
    List<String> rows = new ArrayList<>();
    read(name).get("data").forEach(row -> rows.add(row.asText()));
    return rows;
  }

  @Test
  void writes_the_rows_of_the_previous_utc_minute_as_python_printed_them() throws IOException {
    CollectOutcome outcome = collect(db, 1440).collect(AT_00_04_30);

    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.source()).isEqualTo(CollectOutcome.Source.COLLECTOR_DB);
    assertThat(outcome.processes()).isPositive();
    assertThat(rows(ResourceDocuments.PROCESS_SERIES)).containsExactly(
        "date, total process, CPU percent, CPU time, CPU threads",
        "2017-09-16 00:03:00, 97, 3.9, 76435.71, 463.0");
    assertThat(rows(ResourceDocuments.MEMORY_SERIES)).containsExactly(
        "date, memory used percent, memory used", "2017-09-16 00:03:00, 7.64, 2456.15");
    assertThat(rows(ResourceDocuments.IO_SERIES)).containsExactly(
        "date, io rw counter, io cycles counter, disk used",
        "2017-09-16 00:03:00, 1411268173824.0, 439572589511.0, 0");
    assertThat(read(ResourceDocuments.PROCESS_SERIES).get("date").decimalValue())
        .isEqualByComparingTo(Json.epochSeconds(AT_00_04_30));
  }

  @Test
  void status_documents_carry_the_c4_numbers() throws IOException {
    Window c4 = new Window(LocalDate.of(2017, 9, 16), LocalTime.of(0, 1), LocalTime.of(0, 13));
    Collected collected =
        new DatabaseSource(db, CollectorFixture.PARTITION, ProcFs.system()).collect(c4);
    new ResourceDocuments(out, 1440).write(collected, AT_00_04_30);

    JsonNode status = read(ResourceDocuments.STATUS);
    assertThat(status.get("cpu_percent").decimalValue()).isEqualByComparingTo("7.3");
    assertThat(status.get("io_rw_counter").decimalValue()).isEqualByComparingTo("2822535483392.0");
    assertThat(status.get("total_process").asLong()).isEqualTo(199);
    assertThat(status.get("date").asText()).isEqualTo("2017-09-16 00:01:00");
    JsonNode first = read(ResourceDocuments.PROCESSES).get(0);
    assertThat(first.get("cpu_time").decimalValue()).isEqualByComparingTo("1302.66");
    assertThat(first.get("pid").asLong()).isEqualTo(15072);
  }

  @Test
  void the_collector_database_is_opened_read_only() throws IOException {
    byte[] before = Files.readAllBytes(db);

    collect(db, 1440).collect(AT_00_04_30);

    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("collector.db", "private");
    }
  }

  @Test
  void a_missing_database_is_reported_and_the_series_are_kept() throws IOException {
    collect(db, 1440).collect(AT_00_04_30);
    Path missing = dir.resolve("gone.db");

    CollectOutcome outcome = collect(missing, 1440).collect(AT_00_04_30.plusSeconds(60));

    assertThat(outcome.problem()).contains(missing + ": collector database not found");
    assertThat(rows(ResourceDocuments.PROCESS_SERIES)).hasSize(2);
    assertThat(rows(ResourceDocuments.IO_SERIES)).hasSize(2);
    JsonNode status = read(ResourceDocuments.STATUS);
    assertThat(status.get("error").asText()).isEqualTo(missing + ": collector database not found");
    assertThat(status.get("total_process").asLong()).isZero();
    assertThat(status.get("date").asText()).isEmpty();
    assertThat(read(ResourceDocuments.PROCESSES).isArray()).isTrue();
    assertThat(read(ResourceDocuments.PROCESSES)).isEmpty();
    assertThat(missing).doesNotExist();
  }

  @Test
  void a_minute_without_rows_writes_empty_status_and_headers() throws IOException {
    // 00:00:30 UTC: the previous minute is 23:59 of the day before, which has no rows.
    CollectOutcome outcome = collect(db, 1440).collect(Instant.parse("2017-09-16T00:00:30Z"));

    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.processes()).isZero();
    assertThat(read(ResourceDocuments.STATUS)).isEmpty();
    assertThat(read(ResourceDocuments.PROCESSES)).isEmpty();
    assertThat(rows(ResourceDocuments.MEMORY_SERIES))
        .containsExactly("date, memory used percent, memory used");
  }

  @Test
  void series_keep_only_their_newest_rows() throws IOException {
    ResourceCollect collect = collect(db, 2);
    collect.collect(AT_00_04_30);
    collect.collect(AT_00_04_30.plusSeconds(60));
    collect.collect(Instant.parse("2017-09-16T00:14:10Z"));

    List<String> rows = rows(ResourceDocuments.PROCESS_SERIES);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).startsWith("2017-09-16 00:04:00, ");
    assertThat(rows.get(2)).startsWith("2017-09-16 00:13:00, ");
  }

  @Test
  void a_corrupt_series_is_started_afresh() throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve(ResourceDocuments.MEMORY_SERIES), "{\"date\": 1, \"data\": [\"x\"");

    collect(db, 1440).collect(AT_00_04_30);

    assertThat(rows(ResourceDocuments.MEMORY_SERIES)).containsExactly(
        "date, memory used percent, memory used", "2017-09-16 00:03:00, 7.64, 2456.15");
  }

  @Test
  void an_existing_series_keeps_its_creation_date() throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve(ResourceDocuments.IO_SERIES),
        "{\"date\": 1505520000.25, \"data\": [\"date, io rw counter, io cycles counter, disk used\","
            + " \"2017-09-16 00:02:00, 1.0, 2.0, 0\"]}");

    collect(db, 1440).collect(AT_00_04_30);

    JsonNode series = read(ResourceDocuments.IO_SERIES);
    assertThat(series.get("date").decimalValue()).isEqualByComparingTo(new BigDecimal("1505520000.25"));
    assertThat(rows(ResourceDocuments.IO_SERIES)).hasSize(3);
  }
}
