package slapmon.runtime.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class FailureThrottleTest {
  private final MutableClock clock = new MutableClock();
  private final FailureThrottle throttle = new FailureThrottle(clock);

  @Test
  void five_failures_are_free_then_each_one_doubles_the_wait_up_to_the_cap() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.failed("10.0.0.1")).isZero();
      assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    }
    long[] expected = {1, 2, 4, 8, 16, 30, 30};
    for (long seconds : expected) {
      assertThat(throttle.failed("10.0.0.1")).hasSeconds(seconds);
      assertThat(throttle.retryAfter("10.0.0.1")).hasSeconds(seconds);
      clock.advance(Duration.ofSeconds(seconds));
      assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    }
  }

  @Test
  void the_wait_counts_down_with_the_clock() {
    for (int i = 0; i < 7; i++) {
      throttle.failed("::1");
    }
    assertThat(throttle.retryAfter("::1")).hasSeconds(2);
    clock.advance(Duration.ofMillis(1500));
    assertThat(throttle.retryAfter("::1")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void other_addresses_are_not_slowed_down() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("10.0.0.1");
    }
    assertThat(throttle.retryAfter("10.0.0.2")).isZero();
    assertThat(throttle.failed("10.0.0.2")).isZero();
  }

  @Test
  void a_success_forgets_the_failures() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("10.0.0.1");
    }
    throttle.succeeded("10.0.0.1");
    assertThat(throttle.retryAfter("10.0.0.1")).isZero();
    assertThat(throttle.failed("10.0.0.1")).isZero();
  }

  @Test
  void a_quiet_minute_forgets_the_failures() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("10.0.0.1");
    }
    clock.advance(FailureThrottle.QUIET.minusMillis(1));
    assertThat(throttle.failed("10.0.0.1")).as("7th failure").hasSeconds(2);

    clock.advance(FailureThrottle.QUIET);
    assertThat(throttle.failed("10.0.0.1")).isZero();
  }

  @Test
  void remembers_a_bounded_number_of_addresses() {
    for (int i = 0; i <= FailureThrottle.MAX_ADDRESSES; i++) {
      throttle.failed("address-" + i);
    }
    assertThat(throttle.addresses()).isEqualTo(FailureThrottle.MAX_ADDRESSES);
  }

  @Test
  void describes_itself() {
    throttle.failed("10.0.0.1");
    assertThat(throttle).hasToString("failure-throttle(addresses=1, free=5, max-delay=PT30S)");
  }
}
