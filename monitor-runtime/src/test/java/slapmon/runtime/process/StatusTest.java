package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static slapmon.runtime.process.PromiseMessageTest.outcome;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StatusTest {
  @ParameterizedTest
  @CsvSource({
    "0, OK, OK",
    "1, ERROR, WARNING",
    "2, ERROR, CRITICAL",
    "3, ERROR, UNKNOWN",
    "4, ERROR, ERROR",
    "255, ERROR, ERROR",
    "137, ERROR, ERROR"
  })
  void exit_codes_map_to_legacy_and_nagios_statuses(
      int exitCode, LegacyStatus legacy, NagiosStatus nagios) {
    ProcessOutcome outcome = outcome(exitCode, false, "", "");

    assertThat(LegacyStatus.of(outcome)).isEqualTo(legacy);
    assertThat(NagiosStatus.of(outcome)).isEqualTo(nagios);
  }

  @Test
  void timeout_is_legacy_error_and_nagios_timeout() {
    ProcessOutcome killed = outcome(-1, true, "", "");

    assertThat(LegacyStatus.of(killed)).isEqualTo(LegacyStatus.ERROR);
    assertThat(NagiosStatus.of(killed)).isEqualTo(NagiosStatus.TIMEOUT);
  }

  @Test
  void launch_failure_is_error_in_both() {
    ProcessOutcome failed = ProcessOutcome.launchFailed(Instant.EPOCH, Duration.ZERO, "why");

    assertThat(LegacyStatus.of(failed)).isEqualTo(LegacyStatus.ERROR);
    assertThat(NagiosStatus.of(failed)).isEqualTo(NagiosStatus.ERROR);
  }
}
