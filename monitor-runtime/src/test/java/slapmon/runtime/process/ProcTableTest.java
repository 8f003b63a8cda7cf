package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Finding a run's processes by their environment, when pids come back. */
final class ProcTableTest {
  @Test
  void a_pid_once_unreadable_and_now_reused_by_a_marked_process_is_found() throws Exception {
    String entry = ProcessTree.TAG_VARIABLE + "=" + UUID.randomUUID();
    ProcessBuilder builder = new ProcessBuilder("sleep", "30");
    builder.environment().put(ProcessTree.TAG_VARIABLE, entry.substring(entry.indexOf('=') + 1));
    Process sleeper = builder.start();
    try {
      // start() may return before the kernel has laid out the new program's environment (under
      // VFORK, at once when the exec releases the JVM's memory): look once sleep runs.
      awaitCommand(sleeper.pid(), "sleep");
      // As if an exiting process or a kernel thread had held this pid before and been remembered.
      ProcTable.rememberUnreadable(sleeper.pid(), 1);

      assertThat(ProcTable.withEnvironmentEntry(entry, sleeper.pid()))
          .extracting(ProcessHandle::pid)
          .containsExactly(sleeper.pid());
    } finally {
      sleeper.destroyForcibly();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_process_without_any_environment_is_remembered_as_not_ours() throws Exception {
    // An empty environment is also what a process shows in the middle of an exec, but then its
    // arguments are not laid out either; env -i's sleep has its arguments: not ours, and later
    // scans skip it. Its parent is a marked shell, so that it is not ruled out by its parent.
    String tag = UUID.randomUUID().toString();
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "env -i sleep 30; exit 0");
    builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
    Process shell = builder.start();
    try {
      ProcessHandle bare = awaitChild(shell);
      awaitCommand(bare.pid(), "sleep"); // env has exec'd it with the empty environment

      String entry = ProcessTree.TAG_VARIABLE + "=" + tag;
      assertThat(ProcTable.withEnvironmentEntry(entry, bare.pid())).isEmpty();
      assertThat(ProcTable.remembered(bare.pid())).isTrue();
    } finally {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly();
      shell.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static ProcessHandle awaitChild(Process process) throws Exception {
    for (int i = 0; i < 500; i++) {
      var child = process.children().findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError(process.pid() + " started no child");
  }

  /** Until the process runs {@code command} (its arguments and environment are laid out). */
  /** A {@code sleep 30} marked with {@code tag}, once its environment is laid out. */
  private static Process markedSleeper(String tag) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sleep", "30");
    builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
    Process sleeper = builder.start();
    awaitCommand(sleeper.pid(), "sleep");
    return sleeper;
  }

  private static void awaitCommand(long pid, String command) throws Exception {
    java.nio.file.Path cmdline = java.nio.file.Path.of("/proc", pid + "", "cmdline");
    for (int i = 0; i < 500; i++) {
      if (new String(java.nio.file.Files.readAllBytes(cmdline)).startsWith(command)) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError(pid + " did not exec " + command);
  }

  @Test
  void only_processes_created_since_the_run_started_are_read() throws Exception {
    // A marked process older than the run (its pid handed out before) is not the run's.
    String tag = UUID.randomUUID().toString();
    ProcessBuilder builder = new ProcessBuilder("sleep", "30");
    builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
    Process older = builder.start();
    awaitCommand(older.pid(), "sleep"); // its environment laid out, as above
    Process run = new ProcessBuilder("true").start();
    try {
      String entry = ProcessTree.TAG_VARIABLE + "=" + tag;
      assertThat(ProcTable.withEnvironmentEntry(entry, run.pid())).isEmpty();
      assertThat(ProcTable.withEnvironmentEntry(entry, older.pid()))
          .extracting(ProcessHandle::pid)
          .containsExactly(older.pid());
    } finally {
      older.destroyForcibly();
      older.waitFor(10, TimeUnit.SECONDS);
      run.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * A process caught in an exec is judged by its parent: waited for when the parent carries the
   * entry or may have adopted it (init, older than slapmon), not when the parent is slapmon itself
   * (another run's own process) or a program without the entry.
   */
  @Test
  void a_process_in_an_exec_is_waited_for_only_when_its_parent_may_be_of_the_run()
      throws Exception {
    String tag = UUID.randomUUID().toString();
    byte[] entry = (ProcessTree.TAG_VARIABLE + "=" + tag).getBytes(StandardCharsets.UTF_8);
    ProcessBuilder marked = new ProcessBuilder("sleep", "30");
    marked.environment().put(ProcessTree.TAG_VARIABLE, tag);
    Process ofTheRun = marked.start();
    Process unrelated = new ProcessBuilder("sleep", "30").start();
    try {
      awaitCommand(ofTheRun.pid(), "sleep");
      awaitCommand(unrelated.pid(), "sleep");

      assertThat(ProcTable.parentMayBeOfTheRun(ofTheRun.pid(), entry)).isTrue();
      assertThat(ProcTable.parentMayBeOfTheRun(1, entry)).as("init, which adopts daemons").isTrue();
      assertThat(ProcTable.parentMayBeOfTheRun(unrelated.pid(), entry)).isFalse();
      assertThat(ProcTable.parentMayBeOfTheRun(ProcessHandle.current().pid(), entry)).isFalse();
    } finally {
      for (Process process : new Process[] {ofTheRun, unrelated}) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void an_entry_is_held_whole_and_a_prefix_gives_what_follows_it() {
    byte[] environ = bytes("HOME=/root\0SLAPMON_RUN=r.12\0PATH=/bin");
    assertThat(ProcTable.holds(environ, bytes("SLAPMON_RUN=r.12"))).isTrue();
    assertThat(ProcTable.holds(environ, bytes("SLAPMON_RUN=r.1"))).isFalse();
    assertThat(ProcTable.holds(environ, bytes("PATH=/bin"))).isTrue();
    assertThat(ProcTable.valueAfter(environ, bytes("SLAPMON_RUN=r."))).isEqualTo("12");
    assertThat(ProcTable.valueAfter(environ, bytes("SLAPMON_RUN=s."))).isNull();
    assertThat(ProcTable.valueAfter(new byte[0], bytes("A="))).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void the_pid_window_wraps_around() {
    ProcTable.PidWindow straight = new ProcTable.PidWindow(100, 200);
    assertThat(straight.holds(100)).isTrue();
    assertThat(straight.holds(200)).isTrue();
    assertThat(straight.holds(99)).isFalse();
    assertThat(straight.holds(201)).isFalse();
    ProcTable.PidWindow wrapped = new ProcTable.PidWindow(32000, 50);
    assertThat(wrapped.holds(32500)).isTrue();
    assertThat(wrapped.holds(10)).isTrue();
    assertThat(wrapped.holds(51)).isFalse();
    assertThat(wrapped.holds(31999)).isFalse();
    assertThat(new ProcTable.PidWindow(100, -1).holds(1)).isTrue();
  }

  @Test
  void a_process_known_as_another_runs_own_is_left_unread() throws Exception {
    String tag = UUID.randomUUID().toString();
    String entry = ProcessTree.TAG_VARIABLE + "=" + tag;
    Process sleeper = markedSleeper(tag);
    try {
      long pid = sleeper.pid();

      assertThat(ProcTable.withEnvironmentEntry(entry, pid, known -> known == pid)).isEmpty();
      assertThat(ProcTable.withEnvironmentEntry(entry, pid, known -> false))
          .extracting(ProcessHandle::pid)
          .containsExactly(pid);
    } finally {
      sleeper.destroyForcibly();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_pid_window_is_all_known_only_when_few_and_each_known() {
    assertThat(new ProcTable.PidWindow(100, 103).allKnown(pid -> pid >= 100 && pid <= 103)).isTrue();
    assertThat(new ProcTable.PidWindow(100, 103).allKnown(pid -> pid != 102)).isFalse();
    assertThat(new ProcTable.PidWindow(100, 100_000).allKnown(pid -> true)).isFalse();
    assertThat(new ProcTable.PidWindow(4_000_000, 5).allKnown(pid -> true)).isFalse(); // wrapped
    assertThat(new ProcTable.PidWindow(100, -1).allKnown(pid -> true)).isFalse(); // unknown end
  }

  @Test
  void a_few_unknown_pids_are_read_by_pid_without_listing_proc() throws Exception {
    String tag = UUID.randomUUID().toString();
    String entry = ProcessTree.TAG_VARIABLE + "=" + tag;
    Process sleeper = markedSleeper(tag);
    try {
      long pid = sleeper.pid();
      long listings = ProcTable.listings();

      // The window's other pids are known (another run's, say): only the sleeper is read.
      assertThat(
              ProcTable.withEnvironmentEntry(
                  entry, new ProcTable.PidWindow(pid - 2, pid + 2), other -> other != pid))
          .extracting(ProcessHandle::pid)
          .containsExactly(pid);
      assertThat(ProcTable.listings()).isEqualTo(listings);
    } finally {
      sleeper.destroyForcibly();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_process_that_dropped_its_mark_is_not_found_by_a_later_look() throws Exception {
    // Marked, then on a line from the test, exec'ed with another environment: a look between the
    // two must not make a later look signal it (only a fresh reading may: its pid could be
    // another process's by then).
    String tag = UUID.randomUUID().toString();
    String entry = ProcessTree.TAG_VARIABLE + "=" + tag;
    ProcessBuilder builder =
        new ProcessBuilder("/usr/bin/python3", "-c",
            "import os, sys; sys.stdin.readline();"
                + " os.execve('/bin/sleep', ['sleep', '30'], {'LANG': 'C'})");
    builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
    Process process = builder.start();
    try {
      long pid = process.pid();
      awaitCommand(pid, "/usr/bin/python3");
      assertThat(ProcTable.withEnvironmentEntry(entry, pid, other -> false))
          .extracting(ProcessHandle::pid)
          .containsExactly(pid);

      process.getOutputStream().write('\n');
      process.getOutputStream().flush();
      awaitCommand(pid, "sleep");
      assertThat(ProcTable.withEnvironmentEntry(entry, pid, other -> false)).isEmpty();
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_window_gives_its_unknown_pids_only_when_they_are_few() {
    assertThat(new ProcTable.PidWindow(100, 103).unknown(pid -> pid != 102, 4))
        .containsExactly(102);
    assertThat(new ProcTable.PidWindow(100, 103).unknown(pid -> false, 3)).isNull();
    assertThat(new ProcTable.PidWindow(100, 103).unknown(pid -> false, 4))
        .containsExactly(100, 101, 102, 103);
    assertThat(new ProcTable.PidWindow(100, 100_000).unknown(pid -> true, 4)).isNull();
  }
}
