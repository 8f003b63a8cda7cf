package slapmon.runtime.http.auth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import slapmon.runtime.live.WatchedFile;

/**
 * An htpasswd file as Apache reads it, re-read when its modification time, size or identity changes
 * (looked at no more than once per second); a missing or unreadable file lets nobody in.
 */
public final class HtpasswdFile {
  private static final System.Logger LOG = System.getLogger("slapmon.http.auth");
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final Path path;
  private final WatchedFile watched;
  private Map<String, String> hashes = Map.of();

  private HtpasswdFile(Path path, Clock clock) {
    this.path = path;
    this.watched = new WatchedFile(path, CHECK_INTERVAL, clock);
  }

  /** Watches {@code path}; the file need not exist yet. */
  public static HtpasswdFile watch(Path path, Clock clock) {
    return new HtpasswdFile(Objects.requireNonNull(path), Objects.requireNonNull(clock));
  }

  /** The stored hash line of {@code user}, if that user exists and has a supported hash. */
  public synchronized Optional<String> hashOf(String user) {
    refreshIfDue();
    return Optional.ofNullable(hashes.get(user));
  }

  /**
   * Makes the next lookup read the file again if it changed, however recent the last look: for a
   * writer that just replaced it (the parameter editor), so a new password works, and the old one
   * stops working, from the very next request.
   */
  public synchronized void recheckNow() {
    watched.lookNextTime();
  }

  private void refreshIfDue() {
    if (watched.changed()) {
      hashes = load();
    }
  }

  private Map<String, String> load() {
    if (!watched.existed()) {
      LOG.log(Level.WARNING, "event=htpasswd-missing path=" + path + " (nobody can log in)");
      return Map.of();
    }
    try {
      String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      HtpasswdParser.Result result = HtpasswdParser.parse(path, lines);
      result.warnings().forEach(warning -> LOG.log(Level.WARNING, warning));
      LOG.log(
          Level.INFO, "event=htpasswd-loaded path=" + path + " users=" + result.hashes().size());
      return result.hashes();
    } catch (IOException e) {
      LOG.log(Level.WARNING, path + ": could not read file, nobody can log in: " + e.getMessage());
      return Map.of();
    }
  }

  @Override
  public synchronized String toString() {
    return "htpasswd(" + path + ", users=" + hashes.size() + ")";
  }
}
