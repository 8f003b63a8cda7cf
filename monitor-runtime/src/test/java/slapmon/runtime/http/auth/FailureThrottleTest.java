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
      assertThat(throttle.suspect("admin", "10.0.0.1")).isFalse();
      assertThat(throttle.failed("admin", "10.0.0.1")).isZero();
    }
    assertThat(throttle.suspect("admin", "10.0.0.1")).isTrue();
    long[] expected = {1, 2, 4, 8, 16, 30, 30};
    for (long seconds : expected) {
      assertThat(throttle.failed("admin", "10.0.0.1")).hasSeconds(seconds);
      clock.advance(Duration.ofSeconds(seconds));
    }
  }

  @Test
  void other_users_and_other_addresses_are_not_slowed_down() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("admin", "10.0.0.1");
    }
    assertThat(throttle.suspect("admin", "10.0.0.1")).isTrue();
    assertThat(throttle.suspect("bob", "10.0.0.1")).as("same address, other user").isFalse();
    assertThat(throttle.suspect("admin", "10.0.0.2")).as("same user, other address").isFalse();
    assertThat(throttle.failed("bob", "10.0.0.1")).isZero();
  }

  @Test
  void a_success_forgets_the_failures() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("admin", "10.0.0.1");
    }
    throttle.succeeded("admin", "10.0.0.1");
    assertThat(throttle.suspect("admin", "10.0.0.1")).isFalse();
    assertThat(throttle.failed("admin", "10.0.0.1")).isZero();
  }

  @Test
  void a_quiet_minute_forgets_the_failures() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("admin", "10.0.0.1");
    }
    clock.advance(FailureThrottle.QUIET.minusMillis(1));
    assertThat(throttle.failed("admin", "10.0.0.1")).as("7th failure").hasSeconds(2);

    clock.advance(FailureThrottle.QUIET);
    assertThat(throttle.suspect("admin", "10.0.0.1")).isFalse();
    assertThat(throttle.failed("admin", "10.0.0.1")).isZero();
  }

  @Test
  void remembers_a_bounded_number_of_pairs() {
    for (int i = 0; i <= FailureThrottle.MAX_PAIRS; i++) {
      throttle.failed("user-" + i, "10.0.0.1");
    }
    assertThat(throttle.pairs()).isEqualTo(FailureThrottle.MAX_PAIRS);
  }

  @Test
  void a_long_user_name_is_remembered_by_its_digest() {
    String huge = "u".repeat(60_000);
    String key = FailureThrottle.pairOf(huge, "2001:db8::1");

    assertThat(key).hasSizeLessThan(200);
    assertThat(key).isNotEqualTo(FailureThrottle.pairOf(huge + "v", "2001:db8::1"));
    for (int i = 0; i < 6; i++) {
      throttle.failed(huge, "2001:db8::1");
    }
    assertThat(throttle.suspect(huge, "2001:db8::1")).isTrue();
  }

  @Test
  void user_names_cannot_pose_as_digests_or_addresses() {
    assertThat(FailureThrottle.pairOf("b", "a c")).isNotEqualTo(FailureThrottle.pairOf("c =b", "a"));
    String digestLike = "#" + "0".repeat(64);
    assertThat(FailureThrottle.pairOf(digestLike, "a"))
        .isNotEqualTo(FailureThrottle.pairOf("x".repeat(65), "a"));
  }

  @Test
  void describes_itself() {
    throttle.failed("admin", "10.0.0.1");
    assertThat(throttle).hasToString("failure-throttle(pairs=1, free=5, max-delay=PT30S)");
  }
}
