package slapmon.runtime.process;

import java.time.Duration;

/**
 * The legacy {@code message} of a run, by the folder-mode promise rule for promises and reports
 * alike: stdout when the process exited 0, otherwise stderr, or stdout when stderr is empty; a run
 * killed for its timeout gets that output followed by {@code "\nPROMISE TIME OUT AFTER N SECONDS"}.
 * The original's single mode used stdout first for failed reports; one rule for both is a
 * deliberate change, so that a report and a promise printing the same thing say the same thing.
 */
public final class PromiseMessage {
  private PromiseMessage() {}

  /**
   * {@code message} kept within {@code cap} bytes of UTF-8 as a run's output is: its first and last
   * half-cap, with the count of the bytes omitted between; itself when it fits.
   */
  public static String capped(String message, int cap) {
    if (message.length() <= cap / 3) {
      return message; // at most 3 bytes of UTF-8 per char: fits without encoding it
    }
    byte[] bytes = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (bytes.length <= cap) {
      return message;
    }
    HeadTailBuffer kept = new HeadTailBuffer(cap);
    kept.append(bytes, 0, bytes.length);
    return kept.text();
  }

  /**
   * The message for {@code outcome} of a run allowed {@code timeout}; the output is kept verbatim,
   * trailing newline included.
   */
  public static String of(ProcessOutcome outcome, Duration timeout) {
    if (outcome.launchError().isPresent()) {
      return outcome.launchError().get();
    }
    if (outcome.exitCode() == 0 && !outcome.timedOut()) {
      return outcome.stdout();
    }
    String output = outcome.stderr().isEmpty() ? outcome.stdout() : outcome.stderr();
    if (outcome.timedOut()) {
      // Whole seconds of the configured timeout, never less than the process actually had.
      return output + "\nPROMISE TIME OUT AFTER " + timeout.toSeconds() + " SECONDS";
    }
    return output;
  }
}
