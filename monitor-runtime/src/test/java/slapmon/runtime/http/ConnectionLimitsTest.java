package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class ConnectionLimitsTest {
  private static final String LIMITS =
      """
      Limit                     Soft Limit           Hard Limit           Units
      Max cpu time              unlimited            unlimited            seconds
      Max open files            4096                 524288               files
      Max locked memory         8388608              8388608              bytes
      """;

  @Test
  void the_soft_open_files_limit_is_read() {
    assertThat(ConnectionLimits.openFilesLimit(LIMITS)).hasValue(4096);
    assertThat(ConnectionLimits.openFilesLimit(LIMITS.replace("4096 ", "unlimited ")))
        .isEmpty();
    assertThat(ConnectionLimits.openFilesLimit("Max cpu time  unlimited  unlimited  seconds\n"))
        .isEmpty();
  }

  @Test
  void this_process_has_an_open_files_limit() {
    assertThat(ConnectionLimits.openFilesLimit()).isPresent();
  }

  @Test
  void connections_take_a_quarter_of_the_descriptors_within_bounds() {
    assertThat(ConnectionLimits.withDescriptorLimit(OptionalLong.of(256)).maxConnections())
        .isEqualTo(64);
    assertThat(ConnectionLimits.withDescriptorLimit(OptionalLong.of(1024)).maxConnections())
        .isEqualTo(256);
    assertThat(ConnectionLimits.withDescriptorLimit(OptionalLong.of(1_048_576)).maxConnections())
        .isEqualTo(ConnectionLimits.MOST_CONNECTIONS);
    assertThat(ConnectionLimits.withDescriptorLimit(OptionalLong.of(20)).maxConnections())
        .isEqualTo(ConnectionLimits.FEWEST_CONNECTIONS);
    assertThat(ConnectionLimits.withDescriptorLimit(OptionalLong.empty()).maxConnections())
        .isEqualTo(ConnectionLimits.MOST_CONNECTIONS);
  }

  @Test
  void limits_must_be_positive() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new ConnectionLimits(0, second, second, second))
        .hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> new ConnectionLimits(1, second, Duration.ZERO, second))
        .hasMessageContaining("idle");
  }
}
