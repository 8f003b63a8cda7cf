package slapmon.runtime.opml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The RFC 822 {@code +0000} dates of SPEC §A.4, whatever the host zone (tests run in Chatham). */
final class OpmlDatesTest {
  private static final Instant EXAMPLE = Instant.parse("2017-10-06T10:12:01Z");

  @Test
  void formats_the_spec_example_in_utc_with_a_numeric_zone() {
    assertThat(OpmlDates.format(EXAMPLE.plusMillis(999)))
        .isEqualTo("Fri, 06 Oct 2017 10:12:01 +0000");
  }

  @Test
  void parses_ours_the_gmt_form_and_single_digit_days() {
    assertThat(OpmlDates.parse("Fri, 06 Oct 2017 10:12:01 +0000")).contains(EXAMPLE);
    assertThat(OpmlDates.parse(" Fri, 06 Oct 2017 10:12:01 GMT\n")).contains(EXAMPLE);
    assertThat(OpmlDates.parse("Fri, 6 Oct 2017 12:12:01 +0200")).contains(EXAMPLE);
  }

  @Test
  void anything_else_is_empty() {
    assertThat(OpmlDates.parse("")).isEqualTo(Optional.empty());
    assertThat(OpmlDates.parse("2017-10-06T10:12:01Z")).isEmpty();
    assertThat(OpmlDates.parse("Mon, 06 Oct 2017 10:12:01 +0000")).isEmpty();
  }
}
