package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;

final class SpawnMechanismTest {
  @Test
  void vfork_on_linux_before_the_jdk_that_deprecates_it() {
    assertThat(SpawnMechanism.chosen(17, "Linux", null)).contains("VFORK");
    assertThat(SpawnMechanism.chosen(21, "Linux", null)).contains("VFORK");
    assertThat(SpawnMechanism.chosen(24, "Linux", null)).contains("VFORK");
  }

  @Test
  void the_jdk_default_from_25_on_elsewhere_and_when_a_mechanism_is_given() {
    assertThat(SpawnMechanism.chosen(25, "Linux", null)).isEmpty();
    assertThat(SpawnMechanism.chosen(27, "Linux", null)).isEmpty();
    assertThat(SpawnMechanism.chosen(17, "Mac OS X", null)).isEmpty();
    assertThat(SpawnMechanism.chosen(17, "Linux", "POSIX_SPAWN")).isEmpty();
  }

  @Test
  void a_process_runner_spawns_without_jspawnhelper_on_this_jdk() {
    assumeTrue(Runtime.version().feature() < SpawnMechanism.VFORK_DEPRECATED_IN);
    assumeTrue("Linux".equals(System.getProperty("os.name")));
    new ProcessRunner(Clock.systemUTC());
    assertThat(System.getProperty(SpawnMechanism.PROPERTY)).isEqualTo("VFORK");
  }
}
