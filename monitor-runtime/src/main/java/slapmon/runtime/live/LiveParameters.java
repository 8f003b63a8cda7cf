package slapmon.runtime.live;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import slapmon.config.ConfigException;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.HttpdSection;
import slapmon.config.settings.PromiseTimeout;
import slapmon.config.settings.Settings;
import slapmon.runtime.log.LogText;

/**
 * The one owner of the values that change while the monitor runs: the promise timeout, the CORS
 * domains and the news that an edit rewrote an htpasswd file. It is fed by the parameter editor
 * (which calls it as soon as an edit is written) and by one watcher of the files it owns (the
 * timeout file, looked at before every promise run; monitor.conf, looked at once a second at most
 * when the CORS domains are asked for). Every value is checked by the rule monitor.conf's binder
 * uses ({@link PromiseTimeout}, {@link Settings#httpdOf}); a refused value keeps the last good one
 * and says why, once. Features ask for a value or listen to its changes. Thread-safe.
 */
public final class LiveParameters {
  private static final System.Logger LOG = System.getLogger("slapmon.live");
  /** How often monitor.conf is looked at, at most: the CORS domains are asked for per request. */
  static final Duration CONF_LOOK_INTERVAL = Duration.ofSeconds(1);
  /** A timeout file larger than this holds no timeout: it is refused without being read. */
  static final int MAX_TIMEOUT_FILE_BYTES = 4096;

  /**
   * Where the values come from at start.
   *
   * @param monitorConf the file whose {@code [httpd] cors-domains} is taken again when it changes
   * @param corsDomains its {@code cors-domains} as loaded at start
   * @param timeoutFile the file the editor writes the promise timeout to ({@code
   *     promises-timeout-file})
   * @param configuredTimeout {@code [promises] promise-timeout}, or the default: in force while
   *     the timeout file is missing
   */
  public record Sources(
      Optional<Path> monitorConf,
      List<String> corsDomains,
      Optional<Path> timeoutFile,
      Duration configuredTimeout) {
    public Sources {
      Objects.requireNonNull(monitorConf, "monitorConf");
      corsDomains = List.copyOf(corsDomains);
      Objects.requireNonNull(timeoutFile, "timeoutFile");
      Objects.requireNonNull(configuredTimeout, "configuredTimeout");
    }
  }

  private final Sources sources;
  private final Optional<WatchedFile> timeoutFile;
  private final Optional<WatchedFile> monitorConf;
  private final Map<String, List<String>> editedCorsByKey = new LinkedHashMap<>();
  private final List<Consumer<Duration>> timeoutListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<List<String>>> corsListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Path>> htpasswdListeners = new CopyOnWriteArrayList<>();
  private volatile Duration timeout;
  private volatile Optional<String> timeoutProblem = Optional.empty();
  private volatile List<String> editedCors = List.of();
  private volatile List<String> confCors;
  private volatile List<String> corsInForce;

  private LiveParameters(Sources sources, Clock clock) {
    this.sources = sources;
    this.timeoutFile =
        sources.timeoutFile().map(file -> new WatchedFile(file, Duration.ZERO, clock));
    this.monitorConf =
        sources.monitorConf().map(file -> new WatchedFile(file, CONF_LOOK_INTERVAL, clock));
    this.timeout = sources.configuredTimeout();
    this.confCors = sources.corsDomains();
    this.corsInForce = confCors;
    monitorConf.ifPresent(WatchedFile::changed); // the start's values are those of this file
  }

  /** The values of {@code sources}, watched from now on. */
  public static LiveParameters watching(Sources sources, Clock clock) {
    return new LiveParameters(Objects.requireNonNull(sources, "sources"), clock);
  }

  /** Only the promise timeout, from {@code file} if any: for a promise engine run on its own. */
  public static LiveParameters ofTimeoutFile(Optional<Path> file, Duration configured) {
    return watching(new Sources(Optional.empty(), List.of(), file, configured), Clock.systemUTC());
  }

  /** No file: the default timeout, no CORS domain until an edit sets some. */
  public static LiveParameters unwatched() {
    return ofTimeoutFile(Optional.empty(), PromiseTimeout.DEFAULT);
  }

  // The promise timeout.

  /** The promise timeout in force; the timeout file is looked at first, so an edit applies now. */
  public Duration promiseTimeout() {
    if (timeoutFile.isPresent()) {
      synchronized (this) {
        if (timeoutFile.get().changed()) {
          readTimeoutFile(timeoutFile.get().path());
        }
      }
    }
    return timeout;
  }

  /** What is wrong with the timeout file, if anything, as of the last look. */
  public Optional<String> timeoutProblem() {
    return timeoutProblem;
  }

  /** Tells {@code listener} every new promise timeout from now on. */
  public void onPromiseTimeout(Consumer<Duration> listener) {
    timeoutListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** From the editor: the timeout file was just rewritten; it is taken at once. */
  public synchronized void promiseTimeoutWritten() {
    timeoutFile.ifPresent(WatchedFile::lookNextTime);
    promiseTimeout();
  }

  private void readTimeoutFile(Path file) {
    String text;
    try {
      text = boundedText(file);
    } catch (NoSuchFileException e) {
      timeoutIs(sources.configuredTimeout(), Optional.empty());
      return;
    } catch (IOException e) {
      timeoutIs(timeout, Optional.of(refusal(file, "cannot be read: " + e.getMessage())));
      return;
    }
    try {
      timeoutIs(PromiseTimeout.parse(text), Optional.empty());
    } catch (IllegalArgumentException e) {
      timeoutIs(timeout, Optional.of(refusal(file, e.getMessage())));
    }
  }

  private static String boundedText(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_TIMEOUT_FILE_BYTES + 1);
      if (bytes.length > MAX_TIMEOUT_FILE_BYTES) {
        throw new IOException("larger than " + MAX_TIMEOUT_FILE_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private String refusal(Path file, String why) {
    return "promise timeout file " + file + ": " + why + "; keeping " + timeout.toSeconds() + " s";
  }

  private void timeoutIs(Duration value, Optional<String> problem) {
    if (!problem.equals(timeoutProblem)) {
      problem.ifPresent(
          text -> LOG.log(Level.WARNING, LogText.bounded("event=timeout-file-invalid " + text)));
      timeoutProblem = problem;
    }
    if (!value.equals(timeout)) {
      timeout = value;
      LOG.log(Level.INFO, "event=promise-timeout seconds=" + value.toSeconds());
      timeoutListeners.forEach(listener -> listener.accept(value));
    }
  }

  // The CORS domains.

  /**
   * The CORS domains in force: those saved from the editor while any is set, otherwise {@code
   * [httpd] cors-domains} of monitor.conf as it is now. The same list instance is returned until
   * the next change.
   */
  public List<String> corsDomains() {
    if (editedCors.isEmpty() && monitorConf.isPresent()) {
      synchronized (this) {
        if (monitorConf.get().changed()) {
          readMonitorConf(monitorConf.get().path());
        }
      }
    }
    return corsInForce;
  }

  /** The CORS domains saved from the editor, every key's together in order; empty for none. */
  public List<String> editedCorsDomains() {
    return editedCors;
  }

  /** Tells {@code listener} the CORS domains in force whenever they change from now on. */
  public void onCorsDomains(Consumer<List<String>> listener) {
    corsListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** From the editor: the domains of one {@code httpdcors} key, empty to remove them. */
  public synchronized void corsEdited(String key, List<String> domains) {
    editedCorsByKey.put(key, List.copyOf(domains));
    Set<String> all = new LinkedHashSet<>();
    editedCorsByKey.values().forEach(all::addAll);
    editedCors = List.copyOf(new ArrayList<>(all));
    if (!editedCors.isEmpty()) {
      LOG.log(Level.INFO, LogText.bounded("event=cors-edited domains=" + editedCors));
    }
    corsInForce(editedCors.isEmpty() ? confCors : editedCors);
  }

  private void readMonitorConf(Path file) {
    try {
      List<String> domains =
          Settings.httpdOf(IniDocument.read(file)).value()
              .map(HttpdSection::corsDomains)
              .orElse(List.of());
      if (!domains.equals(confCors)) {
        confCors = domains;
        LOG.log(Level.INFO, LogText.bounded("event=cors-reloaded domains=" + domains));
      }
    } catch (ConfigException e) {
      LOG.log(Level.WARNING, LogText.bounded("event=cors-reload-failed file=" + file + " keeping="
          + confCors + " error=" + e.getMessage().lines().findFirst().orElse("")));
    }
    corsInForce(confCors);
  }

  private void corsInForce(List<String> domains) {
    if (!domains.equals(corsInForce)) {
      corsInForce = domains;
      corsListeners.forEach(listener -> listener.accept(domains));
    }
  }

  // Credentials.

  /** Tells {@code listener} the path of every htpasswd file an edit rewrites. */
  public void onHtpasswdWritten(Consumer<Path> listener) {
    htpasswdListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** From the editor: {@code file} was just rewritten. */
  public void htpasswdWritten(Path file) {
    htpasswdListeners.forEach(listener -> listener.accept(file));
  }
}
