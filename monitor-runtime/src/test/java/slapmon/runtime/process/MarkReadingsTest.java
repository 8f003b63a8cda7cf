package slapmon.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import slapmon.runtime.process.MarkReadings.Known;

/** A process's mark read once serves every look until its pid can have been handed out again. */
final class MarkReadingsTest {
  private static final String VARIABLE = "SLAPMON_RUN=";

  @Test
  void a_reading_serves_until_the_allocator_comes_back_to_its_pid() {
    MarkReadings marks = new MarkReadings(1000);
    long now = marks.position(500);
    marks.remember(400, VARIABLE, "r.1", now); // handed out in this cycle
    marks.remember(700, VARIABLE, null, now); // handed out in the previous cycle, still alive

    assertThat(marks.known(400, VARIABLE, "r.1", marks.position(999))).isEqualTo(Known.HOLDS);
    assertThat(marks.known(400, VARIABLE, "r.2", marks.position(999))).isEqualTo(Known.LACKS);
    assertThat(marks.known(700, VARIABLE, "r.1", marks.position(600))).isEqualTo(Known.LACKS);

    assertThat(marks.known(700, VARIABLE, "r.1", marks.position(700))).isEqualTo(Known.UNKNOWN);
    long wrapped = marks.position(300); // the allocator started again from the bottom
    assertThat(marks.known(400, VARIABLE, "r.1", wrapped)).isEqualTo(Known.HOLDS);
    assertThat(marks.known(400, VARIABLE, "r.1", marks.position(400))).isEqualTo(Known.UNKNOWN);
  }

  @Test
  void a_last_pid_read_before_a_wrap_does_not_count_as_one() {
    MarkReadings marks = new MarkReadings(1000);
    long before = marks.position(990);
    long after = marks.position(20);
    assertThat(after).isGreaterThan(before);
    assertThat(marks.position(995)).isLessThan(after); // a late reader of the previous cycle
    assertThat(marks.position(25)).isGreaterThan(after);
  }

  @Test
  void nothing_is_known_of_another_variable_or_without_pid_max() {
    MarkReadings marks = new MarkReadings(1000);
    long now = marks.position(500);
    marks.remember(400, VARIABLE, null, now);
    assertThat(marks.known(400, "OTHER=", "x", now)).isEqualTo(Known.UNKNOWN);
    assertThat(marks.known(401, VARIABLE, "x", now)).isEqualTo(Known.UNKNOWN);

    MarkReadings none = new MarkReadings(0);
    long unknown = none.position(500);
    assertThat(unknown).isEqualTo(-1);
    none.remember(400, VARIABLE, null, unknown);
    assertThat(none.known(400, VARIABLE, "x", unknown)).isEqualTo(Known.UNKNOWN);
  }
}
