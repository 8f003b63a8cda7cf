package slapmon.runtime.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/**
 * The {@code /proc} collect of a slapmon run as root (the demo, a standalone node): the partition's
 * processes only, never the machine's; run only as root, as these tests are in CI.
 */
final class RootCollectTest {
  private static final int MIB = 1024 * 1024;

  @TempDir Path dir;
  private Path partition;
  private Path out;
  private final List<Long> started = new ArrayList<>();

  @BeforeEach
  void as_root() throws IOException {
    assumeTrue(ResourceCollect.currentUid() == 0, "needs root");
    partition = Files.createDirectories(dir.resolve("slappart0"));
    out = partition.resolve("srv/monitor/private/data/.jio_documents");
  }

  @AfterEach
  void stop_started() {
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void only_the_partitions_processes_are_listed() throws Exception {
    Process child = new ProcessBuilder("sleep", "600").start();
    started.add(child.pid());
    long foreign = detachedSleep(Path.of("/"));
    long service = detachedSleep(Files.createDirectories(partition.resolve("srv/service")));
    CollectSettings settings =
        new CollectSettings(out, Optional.empty(), "root", 0, 1440, Optional.of(partition));

    CollectOutcome outcome = new ResourceCollect(settings).collect(Instant.now());

    assertThat(outcome.ok()).isTrue();
    List<Long> listed = new ArrayList<>();
    Json.read(out.resolve(ResourceDocuments.PROCESSES)).forEach(p -> listed.add(p.get("pid").asLong()));
    assertThat(listed)
        .contains(ProcessHandle.current().pid(), child.pid(), service)
        .doesNotContain(foreign, 1L);
    JsonNode status = Json.read(out.resolve(ResourceDocuments.STATUS));
    assertThat(status.get("total_process").asLong()).isEqualTo(listed.size());
  }

  @Test
  void disk_used_is_the_size_of_the_partition_folder() throws IOException {
    Files.write(Files.createDirectories(partition.resolve("srv/backup")).resolve("dump"),
        new byte[3 * MIB]);
    ProcSampler sampler =
        new ProcSampler(
            ProcFs.system(),
            ProcessScope.of(0, ProcessHandle.current().pid(), Optional.of(partition)),
            Optional.of(new FolderSize(partition, FolderSize.DEFAULT_ENTRY_CAP,
                FolderSize.DEFAULT_REFRESH)));

    Collected collected = sampler.collect(Instant.now());

    assertThat(collected.usage().diskUsed()).isPresent();
    assertThat(collected.usage().diskUsed().getAsDouble()).isBetween(3.0, 3.01);
  }

  /**
   * A {@code sleep} run by a shell that exits at once, so that it is no descendant of this JVM,
   * working in {@code cwd}; its pid.
   */
  private long detachedSleep(Path cwd) throws Exception {
    Process shell =
        new ProcessBuilder("sh", "-c", "sleep 600 </dev/null >/dev/null 2>&1 & echo $!")
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .start();
    String line;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
      line = reader.readLine();
    }
    shell.waitFor();
    long pid = Long.parseLong(line.strip());
    started.add(pid);
    assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).doesNotContain(pid);
    return pid;
  }
}
