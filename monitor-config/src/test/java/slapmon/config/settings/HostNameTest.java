package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The one host-name rule, which monitor.conf's cors-domains and the web editor both apply. */
final class HostNameTest {
  private static final UnaryOperator<String> QUOTE = label -> "'" + label + "'";

  @Test
  void a_host_name_is_dot_separated_labels_of_letters_digits_and_inner_hyphens() throws Exception {
    assertThat(HostName.valid("monitor.app.officejs.com")).isTrue();
    assertThat(HostName.valid("a-b.example")).isTrue();
    assertThat(HostName.problem("a..b", QUOTE))
        .contains("it has an empty label (two dots in a row, or a dot at an end)");
    assertThat(HostName.problem("-a.example", QUOTE))
        .contains("label '-a' must be 1 to 63 letters, digits or hyphens, not starting or ending"
            + " with a hyphen");
    assertThat(HostName.problem("a".repeat(254), QUOTE)).contains("longer than 253 characters");
    for (String refused : new String[] {"bad_host!", "x.", "a".repeat(64) + ".example"}) {
      assertThat(HostName.valid(refused)).as(refused).isFalse();
      assertThatThrownBy(() -> Parsers.DOMAIN_NAME.parse(refused, warning -> {}))
          .as(refused)
          .isInstanceOf(Parser.Invalid.class);
    }
    assertThat(Parsers.DOMAIN_NAME.parse("a-b.example", warning -> {})).isEqualTo("a-b.example");
  }
}
