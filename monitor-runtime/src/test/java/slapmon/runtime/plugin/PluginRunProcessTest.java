package slapmon.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's run processes: a fork runs several plugins one after another, each from the state
 * the fork gave it; one that hangs, exits or leaves something running is replaced, and only its
 * own run pays for it. Plugins report the process they ran in ({@code pid=N}) in their message.
 */
@Timeout(180)
final class PluginRunProcessTest {
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  @TempDir Path dir;
  private Path oracle;
  private PluginPartition partition;

  @BeforeEach
  void partition() throws Exception {
    oracle = PluginPartition.oracle();
    assumeTrue(oracle != null, "no shared/oracles/slapos beside the repository");
    partition = new PluginPartition(dir.resolve("part"));
  }

  /** A plugin whose sense() runs {@code body}, then logs its process id and {@code report}. */
  private void plugin(String title, String body, String report) throws Exception {
    partition.filePlugin(title, String.join("\n",
        "import logging, os, signal, socket, sys",
        PluginPartition.PROMISE_CLASS,
        "  def sense(self):",
        "    " + body,
        "    self.logger.info('pid=%d' % os.getpid() + " + report + ")",
        ""));
  }

  private List<PluginRun> pass(int timeoutSeconds, int runsPerProcess) throws Exception {
    PluginSettings settings = new PluginSettings(
        Path.of("/usr/bin/python3"), partition.dir(), partition.pluginFolder(),
        Duration.ofSeconds(timeoutSeconds), false, false, Map.of(),
        PluginPartition.oraclePath(oracle), 1);
    try (PluginRunner runner = new PluginRunner(settings, PluginRunner.START_LIMIT, runsPerProcess)) {
      return runner.runPass(Optional.empty(), true);
    }
  }

  private static long pid(PluginRun run) {
    assertThat(run.outcome()).as(run.toString()).isEqualTo(PluginRun.Outcome.RAN);
    Matcher matcher = PID.matcher(run.message());
    assertThat(matcher.find()).as(run.message()).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  @Test
  void a_run_does_not_see_what_the_run_before_it_changed_in_their_process() throws Exception {
    plugin("a-changer", String.join("\n    ",
        "os.chdir('/')",
        "os.environ['SLAPMON_LEAK'] = '1'",
        "sys.path.insert(0, '/leak')",
        "sys.modules['slapmon_leak'] = sys",
        "signal.signal(signal.SIGUSR1, signal.SIG_IGN)",
        "signal.alarm(100)",
        "self.umask = os.umask(0o077)",
        "socket.setdefaulttimeout(3)",
        "logging.getLogger('slapmon.leak').addHandler(logging.NullHandler())"),
        "' umask=%o' % self.umask");
    plugin("b-observer", "pass", String.join(" + ",
        "' cwd=' + os.getcwd()",
        "' env=%s' % ('SLAPMON_LEAK' in os.environ)",
        "' path=%s' % ('/leak' in sys.path)",
        "' module=%s' % ('slapmon_leak' in sys.modules)",
        "' usr1=%s' % (signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL)",
        "' alarm=%d' % signal.alarm(0)",
        "' timeout=%s' % socket.getdefaulttimeout()",
        "' handlers=%d' % len(logging.getLogger('slapmon.leak').handlers)",
        "' umask=%o' % os.umask(os.umask(0o022))"));

    List<PluginRun> runs = pass(30, 8);

    assertThat(pid(runs.get(1))).isEqualTo(pid(runs.get(0)));
    String umask = runs.get(0).message().replaceAll(".* umask=", "");
    assertThat(runs.get(1).message()).endsWith(
        " cwd=" + partition.dir().toRealPath() + " env=False path=False module=False usr1=True"
            + " alarm=0 timeout=None handlers=0 umask=" + umask);
  }

  @Test
  void a_plugin_run_twice_in_one_process_logs_each_run_once() throws Exception {
    plugin("a-logger", "pass", "''");

    PluginSettings settings = new PluginSettings(
        Path.of("/usr/bin/python3"), partition.dir(), partition.pluginFolder(),
        Duration.ofSeconds(30), false, false, Map.of(), PluginPartition.oraclePath(oracle), 1);
    long[] pids = new long[2];
    try (PluginRunner runner = new PluginRunner(settings, PluginRunner.START_LIMIT, 8)) {
      pids[0] = pid(runner.runPass(Optional.empty(), true).get(0));
      pids[1] = pid(runner.runPass(Optional.empty(), true).get(0));
    }

    assertThat(pids[1]).isEqualTo(pids[0]);
    // Two runs, each logged once (its logger's file handler is not left to the next run).
    List<String> lines = Files.readAllLines(settings.logFolder().resolve("a-logger.log"));
    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains(" - INFO - "));
  }

  @Test
  void a_hung_plugin_times_out_and_the_next_run_goes_to_a_fresh_process() throws Exception {
    Path hungPid = dir.resolve("hung.pid");
    plugin("a-first", "pass", "''");
    plugin("b-hung", String.join("\n    ",
        "open(" + python(hungPid) + ", 'w').write(str(os.getpid()))",
        "import time",
        "time.sleep(600)"), "''");
    plugin("c-after", "pass", "''");

    List<PluginRun> runs = pass(5, 8);

    assertThat(runs).extracting(PluginRun::title).containsExactly("a-first", "b-hung", "c-after");
    assertThat(runs.get(1).outcome()).isEqualTo(PluginRun.Outcome.TIMEOUT);
    assertThat(runs.get(1).message()).isEqualTo("Error: Promise timed out after 5 seconds");
    long hung = Long.parseLong(Files.readString(hungPid).trim());
    assertThat(hung).isEqualTo(pid(runs.get(0)));
    assertThat(pid(runs.get(2))).isNotEqualTo(hung);
    assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void a_plugin_that_exits_or_fails_to_load_costs_only_its_own_run() throws Exception {
    plugin("a-first", "pass", "''");
    plugin("b-exits", "os._exit(3)", "''");
    partition.filePlugin("c-broken", "raise RuntimeError('broken on purpose')\n");
    plugin("d-after", "pass", "''");
    plugin("e-after", "pass", "''");

    List<PluginRun> runs = pass(30, 8);

    assertThat(runs).extracting(PluginRun::outcome).containsExactly(
        PluginRun.Outcome.RAN, PluginRun.Outcome.NO_OUTPUT, PluginRun.Outcome.NO_OUTPUT,
        PluginRun.Outcome.RAN, PluginRun.Outcome.RAN);
    assertThat(runs.get(1).message()).isEqualTo("Error: No output returned by the promise");
    assertThat(runs.get(2).message()).isEqualTo("Error: No output returned by the promise");
    assertThat(pid(runs.get(3))).isNotEqualTo(pid(runs.get(0)));
    assertThat(pid(runs.get(4))).isEqualTo(pid(runs.get(3)));
  }

  @Test
  void a_plugin_that_leaves_a_process_running_gets_a_process_of_its_own() throws Exception {
    Path leftPid = dir.resolve("left.pid");
    Path daemonPid = dir.resolve("daemon.pid");
    plugin("a-spawner", String.join("\n    ",
        "import subprocess",
        "open(" + python(leftPid) + ", 'w').write(str(subprocess.Popen(['sleep', '600']).pid))"),
        "''");
    // Its shell exits at once: the sleep is an orphan, no longer the run process's child.
    plugin("b-daemon", String.join("\n    ",
        "import subprocess",
        "subprocess.check_call('sleep 600 & echo $! > ' + " + python(daemonPid) + ", shell=True)"),
        "''");
    plugin("c-after", "pass", "''");

    List<PluginRun> runs = pass(30, 8);

    assertThat(pid(runs.get(1))).isNotEqualTo(pid(runs.get(0)));
    assertThat(pid(runs.get(2))).isNotEqualTo(pid(runs.get(1)));
    for (Path file : List.of(leftPid, daemonPid)) {
      long left = Long.parseLong(Files.readString(file).trim());
      // Killed when its run ended; reaped by whoever inherited it, which may take a moment.
      for (int i = 0; i < 200 && ProcessHandle.of(left).map(ProcessHandle::isAlive).orElse(false);
          i++) {
        Thread.sleep(50);
      }
      assertThat(ProcessHandle.of(left).map(ProcessHandle::isAlive))
          .as(file.toString()).isNotEqualTo(Optional.of(true));
    }
  }

  @Test
  void a_run_process_is_replaced_after_its_bound_of_runs() throws Exception {
    for (String title : List.of("a", "b", "c", "d", "e")) {
      plugin(title, "pass", "''");
    }

    List<PluginRun> runs = pass(30, 2);

    List<Long> pids = runs.stream().map(PluginRunProcessTest::pid).toList();
    assertThat(pids.get(1)).isEqualTo(pids.get(0));
    assertThat(pids.get(2)).isNotEqualTo(pids.get(1));
    assertThat(pids.get(3)).isEqualTo(pids.get(2));
    assertThat(pids.get(4)).isNotEqualTo(pids.get(3)).isNotEqualTo(pids.get(0));
  }

  private static String python(Path path) {
    return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
