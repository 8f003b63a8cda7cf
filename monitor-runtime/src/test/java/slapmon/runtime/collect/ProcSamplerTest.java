package slapmon.runtime.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/** The {@code /proc} sampler, on the real {@code /proc} and this JVM's own process. */
final class ProcSamplerTest {
  @TempDir Path dir;

  @Test
  void finds_this_jvm_among_the_processes_of_its_uid() throws IOException {
    ProcFs proc = ProcFs.system();
    ProcSampler sampler =
        new ProcSampler(proc, new ProcessScope.OfUser(proc.currentUid()), Optional.empty());
    long self = ProcessHandle.current().pid();
    Instant first = Instant.now();
    sampler.collect(first);
    burnCpu();

    Collected collected = sampler.collect(first.plusSeconds(60));

    ProcessUsage me =
        collected.processes().stream().filter(p -> p.pid() == self).findFirst().orElseThrow();
    assertThat(me.cpuTime()).isPositive();
    assertThat(me.cpuPercent()).isGreaterThanOrEqualTo(0);
    assertThat(me.cpuThreads()).isGreaterThanOrEqualTo(1);
    assertThat(me.memoryRss()).isPositive();
    assertThat(me.memoryPercent()).isBetween(0.0, 100.0);
    assertThat(me.ioRw()).isGreaterThanOrEqualTo(0);
    assertThat(me.ioCycles()).isGreaterThanOrEqualTo(0);
    assertThat(me.info()).hasValueSatisfying(info -> {
      assertThat(info.name()).isNotBlank();
      assertThat(info.command()).isNotEmpty();
      assertThat(info.started()).isBefore(Instant.now());
    });
    PartitionUsage usage = collected.usage();
    assertThat(usage.processes()).isGreaterThanOrEqualTo(1);
    assertThat(usage.memoryRss()).isGreaterThanOrEqualTo(me.memoryRss());
    assertThat(usage.diskUsed()).isEmpty();
  }

  @Test
  void without_a_collector_database_the_documents_come_from_proc() throws IOException {
    Path out = dir.resolve("out");
    CollectSettings settings =
        new CollectSettings(out, Optional.empty(), "me", ResourceCollect.currentUid(), 1440);

    CollectOutcome outcome = new ResourceCollect(settings).collect(Instant.now());

    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.source()).isEqualTo(CollectOutcome.Source.PROC);
    JsonNode status = Json.read(out.resolve(ResourceDocuments.STATUS));
    assertThat(status.get("total_process").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(status.get("memory_rss").decimalValue().signum()).isPositive();
    assertThat(Json.read(out.resolve(ResourceDocuments.PROCESSES)).size()).isEqualTo(outcome.processes());
  }

  @Test
  void a_sample_is_dated_to_its_second_not_its_minute() throws IOException {
    ProcSampler sampler =
        new ProcSampler(ProcFs.system(), new ProcessScope.OfUser(-1), Optional.empty());

    Collected collected = sampler.collect(Instant.parse("2026-12-07T06:53:24.750Z"));

    assertThat(collected.usage().date()).isEqualTo("2026-12-07 06:53:24");
  }

  private static void burnCpu() {
    long x = 0;
    for (int i = 0; i < 50_000_000; i++) {
      x += i ^ (x >>> 3);
    }
    assertThat(x).isNotEqualTo(42);
  }
}
