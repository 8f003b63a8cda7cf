package slapmon.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A worker that dies, hangs or cannot start costs a plugin its run, never the pass or the caller. */
@Timeout(120)
final class PluginRunnerTest {
  @TempDir Path dir;

  private PluginSettings settings(Path python, PluginPartition partition, List<Path> path) {
    return new PluginSettings(
        python, partition.dir(), partition.pluginFolder(), Duration.ofSeconds(1), false, false,
        Map.of(), path, 1);
  }

  @Test
  void a_worker_killed_by_a_plugin_is_started_again_for_the_next_plugin() throws Exception {
    Path oracle = PluginPartition.oracle();
    assumeTrue(oracle != null, "no shared/oracles/slapos beside the repository");
    PluginPartition partition = new PluginPartition(dir.resolve("part"));
    // Plugins run in file-name order: the killer first, then one that must still run.
    partition.filePlugin("a-killer", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n");
    partition.plugin("b-fine", "check_command_execute", Map.of("command", "true"));
    Path python = Path.of("/usr/bin/python3");
    try (PluginRunner runner =
        new PluginRunner(settings(python, partition, PluginPartition.oraclePath(oracle))
            .withTimeout(Duration.ofSeconds(30)))) {
      List<PluginRun> runs = runner.runPass(Optional.empty(), true);

      assertThat(runs).extracting(PluginRun::title).containsExactly("a-killer", "b-fine");
      assertThat(runs.get(0).outcome()).isEqualTo(PluginRun.Outcome.NOT_RUN);
      assertThat(runs.get(0).message()).contains("the plugin worker failed");
      assertThat(runs.get(1).outcome()).isEqualTo(PluginRun.Outcome.RAN);
      assertThat(runs.get(1).failed()).contains(false);
    }
  }

  @Test
  void a_run_starts_from_the_workers_settled_state_not_from_its_own_warm_up() throws Exception {
    Path oracle = PluginPartition.oracle();
    assumeTrue(oracle != null, "no shared/oracles/slapos beside the repository");
    PluginPartition partition = new PluginPartition(dir.resolve("part"));
    // What each forked run would otherwise redo (and pay for in copied pages): the worker's modules
    // out of the garbage collector's reach, the date patterns slapos.grid.promise parses compiled.
    partition.filePlugin("settled", String.join("\n",
        "import gc, _strptime",
        PluginPartition.PROMISE_CLASS,
        "  def sense(self):",
        "    self.logger.info('frozen=%s patterns=%s' % (gc.get_freeze_count() > 0,",
        "        sorted(f for f in _strptime._regex_cache if f.startswith('%Y-%m-%d'))))",
        ""));
    try (PluginRunner runner =
        new PluginRunner(settings(Path.of("/usr/bin/python3"), partition,
            PluginPartition.oraclePath(oracle)).withTimeout(Duration.ofSeconds(30)))) {
      List<PluginRun> runs = runner.runPass(Optional.empty(), true);

      assertThat(runs).singleElement().satisfies(run -> {
        assertThat(run.outcome()).isEqualTo(PluginRun.Outcome.RAN);
        assertThat(run.message())
            .isEqualTo("frozen=True patterns=['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S+0000']");
      });
    }
  }

  @Test
  void a_worker_that_never_answers_is_killed_and_the_pass_ends() throws Exception {
    PluginPartition partition = new PluginPartition(dir.resolve("part"));
    partition.plugin("check-one", "check_command_execute", Map.of("command", "true"));
    Path mute = dir.resolve("mute-python");
    Files.writeString(mute, "#!/bin/sh\nexec sleep 600\n");
    Files.setPosixFilePermissions(mute, PosixFilePermissions.fromString("rwx------"));
    try (PluginRunner runner =
        new PluginRunner(settings(mute, partition, List.of()), Duration.ofSeconds(3))) {
      List<PluginRun> runs = runner.runPass(Optional.empty(), true);

      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).outcome()).isEqualTo(PluginRun.Outcome.NOT_RUN);
      assertThat(runs.get(0).message()).contains("did not start it");
      assertThat(runs.get(0).countsAsFailure()).isTrue();
    }
  }

  @Test
  void a_python_that_does_not_exist_is_named_in_the_outcome() throws Exception {
    PluginPartition partition = new PluginPartition(dir.resolve("part"));
    partition.plugin("check-one", "check_command_execute", Map.of("command", "true"));
    Path missing = dir.resolve("no-such-python");
    try (PluginRunner runner = new PluginRunner(settings(missing, partition, List.of()))) {
      List<PluginRun> runs = runner.runPass(Optional.empty(), true);

      assertThat(runs).singleElement().satisfies(run -> {
        assertThat(run.outcome()).isEqualTo(PluginRun.Outcome.NOT_RUN);
        assertThat(run.message()).contains(missing.toString(), "plugin-python");
      });
    }
  }
}
