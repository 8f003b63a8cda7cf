package slapmon.runtime.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class NumbersTest {
  @Test
  void rounds_and_prints_like_python() {
    assertThat(Numbers.text(Numbers.round2(7.299999999999995))).isEqualTo("7.3");
    assertThat(Numbers.text(Numbers.round2(84))).isEqualTo("84.0");
    assertThat(Numbers.text(Numbers.round2(2822535483392.0))).isEqualTo("2822535483392.0");
    assertThat(Numbers.text(Numbers.round2(1302.6568333333335))).isEqualTo("1302.66");
    assertThat(Numbers.text(Numbers.round2(0.004))).isEqualTo("0.0");
  }

  @Test
  void rounds_half_even_on_the_binary_value_as_python_does() {
    // 2.675 is 2.67499999… in binary: Python's round(2.675, 2) is 2.67.
    assertThat(Numbers.text(Numbers.round2(2.675))).isEqualTo("2.67");
    assertThat(Numbers.text(Numbers.round2(0.125))).isEqualTo("0.12");
  }
}
