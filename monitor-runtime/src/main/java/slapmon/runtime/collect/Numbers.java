package slapmon.runtime.collect;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The number formats of the legacy collect: Python's {@code round(x, 2)} and {@code str()}. */
final class Numbers {
  private Numbers() {}

  /**
   * {@code x} rounded half-even on its exact binary value to 2 decimals, as Python's {@code round}
   * does, with at least one decimal so that it prints as Python prints a float ({@code 84.0}).
   */
  static BigDecimal round2(double x) {
    if (!Double.isFinite(x)) {
      return BigDecimal.ZERO.setScale(1);
    }
    BigDecimal rounded = new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.scale() < 1 ? rounded.setScale(1) : rounded;
  }

  /** The text of one CSV cell: a plain decimal, never an exponent. */
  static String text(Object value) {
    return value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
  }
}
