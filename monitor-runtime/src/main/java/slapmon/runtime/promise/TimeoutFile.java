package slapmon.runtime.promise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The promise timeout an operator can edit from the web ({@code promise-timeout}): whole seconds in
 * a file, read before every run so an edit applies at the next period. A missing file means the
 * default; an invalid one means the default too, and says why.
 */
final class TimeoutFile {
  static final long MAX_SECONDS = 3600;

  /** The timeout to use, and the problem with the file when there is one. */
  record Reading(Duration timeout, Optional<String> problem) {}

  private TimeoutFile() {}

  static Reading read(Optional<Path> file, Duration fallback) {
    if (file.isEmpty()) {
      return new Reading(fallback, Optional.empty());
    }
    String text;
    try {
      text = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return new Reading(fallback, Optional.empty());
    } catch (IOException e) {
      return invalid(file.get(), fallback, "cannot be read: " + e.getMessage());
    }
    if (!text.matches("\\d{1,9}")) {
      return invalid(file.get(), fallback, "holds '" + text + "', expected whole seconds such as 20");
    }
    long seconds = Long.parseLong(text);
    if (seconds < 1 || seconds > MAX_SECONDS) {
      return invalid(file.get(), fallback,
          "holds " + seconds + ", expected whole seconds from 1 to " + MAX_SECONDS);
    }
    return new Reading(Duration.ofSeconds(seconds), Optional.empty());
  }

  private static Reading invalid(Path file, Duration fallback, String why) {
    return new Reading(
        fallback,
        Optional.of("promise timeout file " + file + " " + why + "; using " + fallback.toSeconds() + " s"));
  }
}
