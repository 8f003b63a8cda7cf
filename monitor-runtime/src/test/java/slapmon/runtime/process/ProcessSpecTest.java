package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ProcessSpecTest {
  private static final Path EXE = Path.of("/srv/p/etc/promise/check");
  private static final Path DIR = Path.of("/srv/p");

  @Test
  void rejects_a_relative_executable_which_would_be_looked_up_in_path() {
    assertThatThrownBy(() -> new ProcessSpec(Path.of("check"), DIR, Duration.ofSeconds(20), 4096))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("executable must be an absolute path, got 'check'");
  }

  @Test
  void rejects_a_timeout_that_is_not_positive() {
    assertThatThrownBy(() -> new ProcessSpec(EXE, DIR, Duration.ZERO, 4096))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("/srv/p/etc/promise/check: timeout must be positive, got PT0S");
  }

  @Test
  void rejects_an_output_cap_below_1_kib() {
    assertThatThrownBy(() -> new ProcessSpec(EXE, DIR, Duration.ofSeconds(20), 1023))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("/srv/p/etc/promise/check: output cap must be at least 1024 bytes, got 1023");
  }
}
