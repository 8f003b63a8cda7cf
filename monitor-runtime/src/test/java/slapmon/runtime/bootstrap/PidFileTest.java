package slapmon.runtime.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PidFileTest {
  @TempDir Path dir;

  @Test
  void the_runtime_s_process_id_is_where_the_bootstrap_plugin_looks() throws Exception {
    Path file = dir.resolve("var/run/monitor/monitor-bootstrap.pid");

    assertThat(PidFile.record(file)).isEmpty();

    assertThat(file).hasContent(Long.toString(ProcessHandle.current().pid()));
  }

  @Test
  void a_pid_file_that_cannot_be_written_is_a_problem_naming_it() throws Exception {
    Path file = dir.resolve("monitor-bootstrap.pid");
    Files.createDirectories(file);

    assertThat(PidFile.record(file)).hasValueSatisfying(p -> assertThat(p).startsWith(file + ":"));
  }
}
