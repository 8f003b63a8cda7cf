package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

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
      // As if an exiting process or a kernel thread had held this pid before and been remembered.
      ProcTable.rememberUnreadable(sleeper.pid(), 1);

      assertThat(ProcTable.withEnvironmentEntry(entry))
          .extracting(ProcessHandle::pid)
          .containsExactly(sleeper.pid());
    } finally {
      sleeper.destroyForcibly();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
