package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PromiseMessageTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void exit_0_gives_stdout_even_with_stderr() {
    assertThat(PromiseMessage.of(outcome(0, false, "success\n", "noise\n"), TIMEOUT))
        .isEqualTo("success\n");
  }

  @Test
  void failure_gives_stderr_first() {
    assertThat(PromiseMessage.of(outcome(2, false, "out\n", "err\n"), TIMEOUT)).isEqualTo("err\n");
  }

  @Test
  void failure_with_empty_stderr_gives_stdout() {
    assertThat(PromiseMessage.of(outcome(1, false, "out\n", ""), TIMEOUT)).isEqualTo("out\n");
  }

  @Test
  void timeout_appends_the_configured_whole_seconds_to_the_output_so_far() {
    ProcessOutcome killed = outcome(-1, true, "partial", "");

    assertThat(PromiseMessage.of(killed, TIMEOUT))
        .isEqualTo("partial\nPROMISE TIME OUT AFTER 20 SECONDS");
    assertThat(PromiseMessage.of(outcome(-1, true, "out", "err"), Duration.ofMillis(1500)))
        .isEqualTo("err\nPROMISE TIME OUT AFTER 1 SECONDS");
  }

  @Test
  void launch_failure_gives_its_reason() {
    ProcessOutcome failed =
        ProcessOutcome.launchFailed(Instant.EPOCH, Duration.ZERO, "/p/x: cannot start: why");

    assertThat(PromiseMessage.of(failed, TIMEOUT)).isEqualTo("/p/x: cannot start: why");
  }

  static ProcessOutcome outcome(int exitCode, boolean timedOut, String stdout, String stderr) {
    return new ProcessOutcome(
        exitCode, timedOut, stdout, stderr, Instant.EPOCH, Duration.ZERO, Optional.empty());
  }
}
