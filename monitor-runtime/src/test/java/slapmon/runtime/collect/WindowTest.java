package slapmon.runtime.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

final class WindowTest {
  @Test
  void previous_minute_crosses_midnight_in_utc() {
    Window window = Window.previousMinute(Instant.parse("2017-09-16T00:00:30Z"));

    assertThat(window.day()).isEqualTo("2017-09-15");
    assertThat(window.fromText()).isEqualTo("23:59:00");
    assertThat(window.toText()).isEqualTo("23:59:59");
  }

  @Test
  void previous_minute_pads_hours_and_minutes() {
    Window window = Window.previousMinute(Instant.parse("2017-09-16T09:10:00Z"));

    assertThat(window.label()).isEqualTo("2017-09-16 09:09:00");
    assertThat(window.toText()).isEqualTo("09:09:59");
  }
}
