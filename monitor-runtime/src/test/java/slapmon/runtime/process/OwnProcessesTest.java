package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which pids a run's look may leave unread as other runs' own processes. */
final class OwnProcessesTest {
  @Test
  void a_pid_stays_known_after_its_run_while_a_run_started_before_it_is_in_flight() {
    OwnProcesses own = new OwnProcesses();
    long first = own.started(100);
    long second = own.started(101);
    long third = own.started(102);

    own.ended(second); // its pid lies in the first run's window: still not the first run's
    assertThat(own.contains(101)).isTrue();

    own.ended(first); // the third run's window starts at 102: 100 and 101 are out of it
    assertThat(own.contains(100)).isFalse();
    assertThat(own.contains(101)).isFalse();
    assertThat(own.contains(102)).isTrue();

    own.ended(third);
    assertThat(own.size()).isZero();
  }

  @Test
  void a_pid_handed_out_again_stays_known_for_its_new_run() {
    OwnProcesses own = new OwnProcesses();
    long old = own.started(100);
    long anew = own.started(100); // the pid space wrapped around

    own.ended(old);
    own.ended(anew);
    assertThat(own.contains(100)).isFalse();

    long again = own.started(100);
    long before = own.started(7);
    own.ended(before);
    assertThat(own.contains(100)).isTrue();
    own.ended(again);
  }
}
