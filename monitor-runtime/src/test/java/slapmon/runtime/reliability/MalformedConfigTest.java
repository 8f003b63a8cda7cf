package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.launch.Main;

/**
 * A generated corpus of malformed buildout profiles (see {@link MalformedConfigCorpus}) and
 * malformed {@code monitor.conf} files through the commands that read them, in-process on a thread
 * with the launcher's 512 KiB stack: every case ends within its bound with exit 0 (the mutation
 * happened to be valid) or 2 and compiler-style diagnostics, never a stack trace or another exit
 * code. Quick: about 1,000 cases; full ({@code -Preliability}): about 13,000.
 */
final class MalformedConfigTest {
  /**
   * The commands a buildout profile goes through: the reader and binder alone, and {@code slapmon
   * render} (as a dry run: a profile that happens to be valid must not write a partition).
   */
  static final List<Function<Path, String[]>> PROFILE_COMMANDS =
      List.of(
          file -> new String[] {"check-config", file.toString()},
          file -> new String[] {"render", "--dry-run", "--instance", file.toString()});

  private static final long BOUND_SECONDS = 20;
  private static final Pattern DIAGNOSTIC = Pattern.compile("^\\S.*: (error|warning): .+$");
  private static final Pattern SUMMARY = Pattern.compile("^\\d+ errors?, \\d+ warnings?(; nothing written)?$");

  @TempDir Path dir;

  @Test
  void malformed_profiles_get_diagnostics_and_exit_2_never_a_stack_trace_or_a_hang() throws Exception {
    Path corpus = Path.of("..", "monitor-config", "src", "test", "resources", "buildout", "corpus");
    assertThat(corpus).isDirectory();
    List<MalformedConfigCorpus.Case> cases =
        new MalformedConfigCorpus(corpus, dir.resolve("profiles"), 8L)
            .generate(
                Sizes.of(2, 40),
                Sizes.of(40, 1500),
                Sizes.full() ? new int[] {10, 150, 1000, 5000, 20000} : new int[] {10, 150, 1000, 4000});
    Tally tally = new Tally();
    for (MalformedConfigCorpus.Case c : cases) {
      for (Function<Path, String[]> command : PROFILE_COMMANDS) {
        tally.check(c.name(), command.apply(c.main()));
      }
    }
    List<MalformedConfigCorpus.Case> confs = monitorConfs(Sizes.of(60, 1500));
    for (MalformedConfigCorpus.Case c : confs) {
      tally.check(c.name(), new String[] {"check-config", "--monitor-conf", c.main().toString()});
    }
    String report =
        String.format(
            "malformed configuration: %d cases (%d profiles, %d monitor.conf): exit 2 with"
                + " diagnostics %d, exit 0 (still valid) %d, failures %d%n",
            tally.total.get(), cases.size(), confs.size(), tally.rejected.get(), tally.accepted.get(),
            tally.failures.size());
    System.out.print(report);
    Reports.write("malformed-config.txt", report);
    assertThat(tally.failures).as("cases that hung, crashed or did not diagnose").isEmpty();
    assertThat(tally.rejected.get()).isGreaterThan(tally.total.get() / 2);
  }

  /** A valid monitor.conf, truncated and mutated line by line. */
  private List<MalformedConfigCorpus.Case> monitorConfs(int count) throws Exception {
    Path base = Files.createDirectories(dir.resolve("partition"));
    new ReliabilityPartition(base).writeConf();
    Path valid = base.resolve("etc/monitor.conf");
    Path folder = Files.createDirectories(dir.resolve("confs/etc"));
    Files.copy(valid, folder.resolve("monitor.conf"));
    // The corpus machinery mutates every .cfg under a folder: give it this one as a .cfg.
    Files.copy(valid, folder.resolve("monitor.cfg"));
    Files.delete(folder.resolve("monitor.conf"));
    return new MalformedConfigCorpus(folder, dir.resolve("conf-cases"), 21L)
        .generateMutationsOnly(count);
  }

  /** Runs one command line and sorts its outcome. */
  private static final class Tally {
    final AtomicInteger total = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final List<String> failures = new ArrayList<>();

    void check(String name, String[] args) throws InterruptedException {
      total.incrementAndGet();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      AtomicInteger exit = new AtomicInteger(-1);
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread thread =
          new Thread(
              null,
              () -> {
                try {
                  exit.set(Main.run(args, new PrintWriter(out), new PrintWriter(err)));
                } catch (Throwable t) {
                  thrown.set(t);
                }
              },
              "malformed-case",
              512 * 1024);
      thread.setDaemon(true);
      thread.start();
      thread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
      String said = err.toString();
      if (thread.isAlive()) {
        fail(name, "still running after " + BOUND_SECONDS + " s");
        thread.interrupt();
      } else if (thrown.get() != null) {
        fail(name, "threw " + thrown.get());
      } else if (said.contains("\tat ") || said.contains("Exception") || said.contains("java.lang.")) {
        fail(name, "stack trace or exception: " + head(said));
      } else if (exit.get() == 0) {
        accepted.incrementAndGet();
      } else if (exit.get() != 2) {
        fail(name, "exit " + exit.get() + ": " + head(said));
      } else if (!diagnosed(said)) {
        fail(name, "exit 2 without file:line: error: diagnostics: " + head(said));
      } else {
        rejected.incrementAndGet();
      }
    }

    private static boolean diagnosed(String err) {
      boolean error = false;
      for (String line : err.split("\n")) {
        if (line.isEmpty() || SUMMARY.matcher(line).matches()) {
          continue;
        }
        if (!DIAGNOSTIC.matcher(line).matches()) {
          return false;
        }
        error |= line.contains(": error: ");
      }
      return error;
    }

    private void fail(String name, String why) {
      failures.add(name + ": " + why);
    }

    private static String head(String text) {
      return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
  }
}
