package slapmon.runtime.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How many connections the HTTPS server holds at once and how long it waits on a client, so that
 * clients who connect and then stall (or connect by the thousand) cannot take the descriptors and
 * the memory the promise runs need. Connections beyond {@code maxConnections} wait in the
 * kernel's queue until others close; every wait below ends with the connection closed.
 *
 * @param maxConnections accepted connections at once, at most
 * @param headerDeadline a request's whole header must have arrived by then (slow-header attacks)
 * @param idle a connection without a request for that long is closed
 * @param stalledWrite a response that the client has not read for that long is abandoned
 */
public record ConnectionLimits(
    int maxConnections, Duration headerDeadline, Duration idle, Duration stalledWrite) {
  /**
   * The most connections at once on a process with descriptors to spare: about 50 KiB of memory
   * each once its TLS handshake is done, so about 100 MiB for them all.
   */
  static final int MOST_CONNECTIONS = 2_000;
  /** The fewest, whatever the descriptor limit: a dashboard opens a handful in parallel. */
  static final int FEWEST_CONNECTIONS = 16;
  /**
   * The part of the process' descriptors that connections may take: the rest are for the promise
   * runs (three pipes each), the published files and the libraries.
   */
  static final int DESCRIPTOR_SHARE = 4;

  private static final Path LIMITS = Path.of("/proc/self/limits");
  private static final String OPEN_FILES = "Max open files";

  public ConnectionLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
    }
    positive(headerDeadline, "headerDeadline");
    positive(idle, "idle");
    positive(stalledWrite, "stalledWrite");
  }

  /** The limits of this process, by its open-files limit (the JVM raised it to the hard one). */
  public static ConnectionLimits forThisProcess() {
    return withDescriptorLimit(openFilesLimit());
  }

  /** The limits for a process that may open {@code descriptors} files, if that is known. */
  static ConnectionLimits withDescriptorLimit(OptionalLong descriptors) {
    long share = descriptors.orElse(Long.MAX_VALUE) / DESCRIPTOR_SHARE;
    int connections = (int) Math.max(FEWEST_CONNECTIONS, Math.min(MOST_CONNECTIONS, share));
    return new ConnectionLimits(
        connections, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  /** The soft open-files limit of {@code /proc/self/limits}; empty if unlimited or unreadable. */
  static OptionalLong openFilesLimit() {
    try {
      return openFilesLimit(Files.readString(LIMITS, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException unreadable) {
      return OptionalLong.empty();
    }
  }

  /** The soft limit on the {@code Max open files} line of a {@code /proc/PID/limits} text. */
  static OptionalLong openFilesLimit(String limits) {
    for (String line : limits.split("\n")) {
      if (line.startsWith(OPEN_FILES)) {
        String[] words = line.substring(OPEN_FILES.length()).trim().split("\\s+");
        if (words[0].matches("[0-9]{1,18}")) {
          return OptionalLong.of(Long.parseLong(words[0]));
        }
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  private static void positive(Duration duration, String name) {
    if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must be from 1 ms to 24 days, got " + duration);
    }
  }
}
