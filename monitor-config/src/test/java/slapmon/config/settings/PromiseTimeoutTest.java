package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The promise timeout's one rule, as monitor.conf applies it (issue 21). */
class PromiseTimeoutTest {
  private static final String SECTION =
      "[promises]\npromise-folder = /p/etc/plugin\noutput-folder = /p/out\n";

  @Test
  void the_rule_accepts_whole_seconds_with_an_optional_s_from_1_to_3600() {
    assertThat(PromiseTimeout.parse("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(PromiseTimeout.parse(" 7 \n")).isEqualTo(Duration.ofSeconds(7));
    assertThat(PromiseTimeout.parse("3600")).isEqualTo(Duration.ofHours(1));
    for (String refused : new String[] {"0", "7200", "abc", "3601", "-5", "1.5", "", "20 s"}) {
      assertThatThrownBy(() -> PromiseTimeout.parse(refused))
          .as(refused)
          .hasMessageStartingWith("expected whole seconds from 1 to 3600 such as 20 or 20s, got '");
    }
  }

  @Test
  void monitor_conf_accepts_20s_and_refuses_0_7200_and_abc_with_a_diagnostic() throws Exception {
    assertThat(
            Profiles.monitorConf(MonitorConfTest.MONITOR_2018 + SECTION + "promise-timeout = 20s\n")
                .value().promises().orElseThrow().promiseTimeout())
        .isEqualTo(Duration.ofSeconds(20));
    for (String refused : new String[] {"0", "7200", "abc"}) {
      assertThat(
              Profiles.monitorConfErrors(
                  MonitorConfTest.MONITOR_2018 + SECTION + "promise-timeout = " + refused + "\n"))
          .as(refused)
          .singleElement()
          .asString()
          .endsWith(
              "error: [promises] promise-timeout: expected whole seconds from 1 to 3600 such as 20"
                  + " or 20s, got '" + refused + "'");
    }
  }

  @Test
  void an_absent_timeout_is_the_one_default() throws Exception {
    assertThat(
            Profiles.monitorConf(MonitorConfTest.MONITOR_2018 + SECTION)
                .value().promises().orElseThrow().promiseTimeout())
        .isEqualTo(PromiseTimeout.DEFAULT)
        .isEqualTo(Duration.ofSeconds(20));
  }
}
