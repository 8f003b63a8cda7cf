package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.launch.ExitCode;
import slapmon.runtime.launch.SlapmonProcess;
import slapmon.templates.ShellScripts;

/**
 * A monitor out of memory ends, for supervisord to restart it, instead of going on with some of
 * its threads dead while {@code /public/feed} still answers. A real {@code slapmon run} with the
 * service wrapper's JVM options and a heap too small for what its promises published: 400 promises
 * each printing 60 KB (a message keeps up to 64 KB), whose statuses the global state and the feed
 * hold at once. No hook: the monitor's own work, too big for its heap.
 */
@Timeout(600)
final class OutOfMemoryProcessTest {
  /**
   * After the wrapper's own {@code -Xmx}, so it wins: a heap the published state cannot fit in (not
   * below the wrapper's {@code -Xms}, which the JVM would refuse).
   */
  private static final String SMALL_HEAP = "-Xmx32m";

  private static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";
  private static final int PROMISES = 400;

  /** The partition, its promises' statuses published once for both tests. */
  @TempDir static Path shared;

  private static ReliabilityPartition partition;

  /** Where each test's slapmon writes its stdout and stderr. */
  @TempDir Path dir;

  @BeforeAll
  static void publishTheStatusesOfVerbosePromises() throws IOException, InterruptedException {
    partition = new ReliabilityPartition(Files.createDirectories(shared.resolve("partition")));
    Path report = shared.resolve("report.txt");
    StringBuilder text = new StringBuilder();
    for (int line = 1; text.length() < 60 * 1024; line++) {
      text.append("line ").append(line).append(" of a long but legal promise report\n");
    }
    Files.writeString(report, text.substring(0, 60 * 1024));
    for (int i = 1; i <= PROMISES; i++) {
      partition.promise(String.format("verbose-%03d", i), "exec cat '" + report + "'");
    }
    partition.writeConf();
    // As slapgrid has the promise-run wrapper publish them.
    Process promiseRun =
        SlapmonProcess.startWithJvmOptions(
            shared, Map.of(), wrapperOptions(),
            "promise", "run", "--config", partition.conf.toString());
    awaitExit(promiseRun, shared, "slapmon promise run");
    assertThat(promiseRun.exitValue())
        .as("promise run: %s", output(shared))
        .isEqualTo(ExitCode.OK);
  }

  @Test
  void under_the_wrappers_jvm_options_an_out_of_memory_error_ends_the_process() throws Exception {
    List<String> options = wrapperOptions();
    assertThat(options).contains(EXIT_ON_OUT_OF_MEMORY);
    options.add(SMALL_HEAP);
    Process monitor = startMonitor(options);
    assertThat(monitor.exitValue()).as("exit code: %s", output(dir)).isEqualTo(ExitCode.FATAL);
    assertThat(output(dir)).contains("java.lang.OutOfMemoryError");
  }

  @Test
  void without_the_jvms_own_exit_the_monitor_ends_itself_on_out_of_memory() throws Exception {
    // As `java -jar slapmon.jar run` by hand, or a wrapper rendered by an older slapmon.
    List<String> options = wrapperOptions();
    options.remove(EXIT_ON_OUT_OF_MEMORY);
    options.add(SMALL_HEAP);
    Process monitor = startMonitor(options);
    assertThat(monitor.exitValue()).as("exit code: %s", output(dir)).isEqualTo(ExitCode.FATAL);
    assertThat(output(dir)).contains("event=fatal-error", "OutOfMemoryError");
  }

  /** The options the rendered service wrapper gives the JVM, from their one owner. */
  private static List<String> wrapperOptions() {
    return new ArrayList<>(Arrays.asList(ShellScripts.JVM_OPTIONS.split(" ")));
  }

  /**
   * Starts the monitor, whose first global state and feed hold every status at once (its promises
   * run once an hour: none has to run first), and waits for it to end.
   */
  private Process startMonitor(List<String> jvmOptions) throws IOException, InterruptedException {
    Process monitor =
        SlapmonProcess.startWithJvmOptions(
            dir, Map.of(), jvmOptions,
            "run", "--config", partition.conf.toString(), "--period", "3600");
    awaitExit(monitor, dir, "slapmon run");
    return monitor;
  }

  private static void awaitExit(Process process, Path dir, String what)
      throws IOException, InterruptedException {
    if (!process.waitFor(240, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError(what + " was still running 240 s after it started: " + output(dir));
    }
  }

  /** What slapmon said, stderr then stdout, at most the last 4,000 characters. */
  private static String output(Path dir) throws IOException {
    String text = SlapmonProcess.read(dir, "stderr") + SlapmonProcess.read(dir, "stdout");
    return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
  }
}
