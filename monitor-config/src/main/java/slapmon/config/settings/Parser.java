package slapmon.config.settings;

import java.util.function.Consumer;

/**
 * Turns one option's text (or one word of a list) into a typed value, or says what was expected.
 */
@FunctionalInterface
interface Parser<T> {

  /**
   * Parses {@code text}; {@code warnings} receives notes about a value that was accepted after a
   * repair, such as a stripped trailing slash.
   */
  T parse(String text, Consumer<String> warnings) throws Invalid;

  /** A value that does not fit; {@link #expected()} completes "expected …, got '…'". */
  final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final boolean showValue;

    Invalid(String expected) {
      this(expected, true);
    }

    private Invalid(String expected, boolean showValue) {
      super(expected, null, false, false);
      this.expected = expected;
      this.showValue = showValue;
    }

    /** For secrets: the message says what was expected but never quotes the value. */
    static Invalid hidingValue(String expected) {
      return new Invalid(expected, false);
    }

    String expected() {
      return expected;
    }

    /** {@code expected X, got 'text'}, or {@code expected X} for a hidden value. */
    String message(String text) {
      return showValue ? "expected " + expected + ", got " + quote(text) : "expected " + expected;
    }

    /**
     * The text in single quotes, line breaks shown as {@code \n} so a message stays on one line.
     */
    static String quote(String text) {
      return "'" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
  }
}
