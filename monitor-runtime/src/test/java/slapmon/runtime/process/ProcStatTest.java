package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of /proc/PID/stat, for the process table and the resource collect. */
final class ProcStatTest {
  @TempDir Path dir;

  @Test
  void fields_are_numbered_as_proc_5_numbers_them_after_a_name_holding_parentheses() {
    ProcStat stat = ProcStat.parse("42 (a) b (c)) S 7 42 42 0 -1 4194560 1 2 3 4 15 16 0 0 20 0 3"
        + " 0 2222 1000 200\n");
    assertThat(stat.state()).isEqualTo('S');
    assertThat(stat.number(4)).isEqualTo(7);
    assertThat(stat.number(9)).isEqualTo(4194560);
    assertThat(stat.number(14) + stat.number(15)).isEqualTo(31);
    assertThat(stat.number(20)).isEqualTo(3);
    assertThat(stat.number(22)).isEqualTo(2222);
    assertThatThrownBy(() -> ProcStat.parse("42 no name"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> stat.number(60)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_leftover_whose_name_is_not_ascii_is_still_sighted() throws Exception {
    // Its stat line holds the name's UTF-8 bytes: read as ASCII it failed, and the process was
    // taken for gone, so a leftover so named escaped the sweep.
    Path sleep = Files.createSymbolicLink(dir.resolve("sleép"), Path.of("/bin/sleep"));
    String tag = UUID.randomUUID().toString();
    ProcessBuilder builder = new ProcessBuilder(sleep.toString(), "30");
    builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
    Process sleeper = builder.start();
    try {
      Path stat = Path.of("/proc", Long.toString(sleeper.pid()), "stat");
      Path environ = stat.resolveSibling("environ");
      // Until it has exec'd the link and its environment is laid out: the kernel names the new
      // program before it sets the environment's bounds, and under VFORK (decisions §40) start()
      // returns before the exec.
      for (int i = 0; i < 500 && !(latin1(stat).contains("(sle") && latin1(environ).contains(tag));
          i++) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      assertThat(ProcStat.read(stat.getParent()).map(ProcStat::state)).isPresent();
      byte[] prefix = (ProcessTree.TAG_VARIABLE + "=").getBytes(StandardCharsets.UTF_8);
      assertThat(ProcTable.sight(pid -> pid == sleeper.pid(), Set.of(), prefix))
          .extracting(ProcTable.Sighting::value)
          .containsExactly(tag);
    } finally {
      sleeper.destroyForcibly();
      sleeper.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String latin1(Path file) throws java.io.IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }
}
