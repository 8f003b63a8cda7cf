package slapmon.runtime.alert;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;
import slapmon.runtime.promise.PromiseRun;
import slapmon.runtime.promise.RunListener;

/**
 * The alerts of this monitor and what each Alertmanager still has to be told: a promise alerts
 * once it failed its threshold of runs in a row, and resolves at its first OK run. An alert is
 * owed to every Alertmanager when it starts, changes its labels (its severity) or resolves, until
 * each one took it; a firing alert is also sent again on every resend. What is kept is one entry
 * per alert, never a queue of sends: however long an Alertmanager is down, the book holds at most
 * {@link #MAX_ALERTS} alerts (beyond that new ones are dropped and counted). Thread-safe; every
 * method returns at once.
 */
final class AlertBook implements RunListener {
  static final int MAX_ALERTS = 10_000;
  private static final System.Logger LOG = System.getLogger("slapmon.alert");

  private final AlertIdentity identity;
  private final ToIntFunction<String> threshold;
  private final List<URI> urls;
  private final Clock clock;
  private final Map<String, Streak> streaks = new HashMap<>();
  // The labels of each promise's firing alert, by promise title.
  private final Map<String, Map<String, String>> firing = new HashMap<>();
  private final Map<Map<String, String>, Entry> entries = new LinkedHashMap<>();
  private long dropped;

  /** Consecutive failed runs of a promise, since the first of them. */
  private record Streak(int failures, Instant since) {}

  private static final class Entry {
    Alert alert;
    long version;
    final Set<URI> owed = new HashSet<>();
  }

  /** An alert as sent to one Alertmanager: what it is, and which version of it. */
  record Sent(Alert alert, long version) {}

  AlertBook(AlertIdentity identity, ToIntFunction<String> threshold, List<URI> urls, Clock clock) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.urls = List.copyOf(urls);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void ran(PromiseRun run) {
    String title = run.title();
    if (!run.failed()) {
      streaks.remove(title);
      resolve(title, run.start());
      return;
    }
    Streak streak =
        streaks.merge(
            title,
            new Streak(1, run.start()),
            (old, one) ->
                new Streak(Math.min(old.failures() + 1, Integer.MAX_VALUE - 1), old.since()));
    if (streak.failures() < threshold.applyAsInt(title)) {
      return;
    }
    Alert alert = identity.firing(run, streak.since());
    Map<String, String> labels = firing.get(title);
    if (labels != null && !labels.equals(alert.labels())) {
      resolve(title, run.start()); // another severity is another alert
      labels = null;
    }
    if (labels == null) {
      if (owe(alert)) {
        firing.put(title, alert.labels());
      }
    } else {
      entries.get(labels).alert = alert; // a new message goes out with the next resend
    }
  }

  @Override
  public synchronized void retired(String title) {
    streaks.remove(title);
    resolve(title, clock.instant());
  }

  /**
   * What to send {@code url} now: the alerts owed to it, and every firing one on a {@code resend}.
   */
  synchronized List<Sent> due(URI url, boolean resend) {
    List<Sent> due = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (entry.owed.contains(url) || (resend && entry.alert.firing())) {
        due.add(new Sent(entry.alert, entry.version));
      }
    }
    return due;
  }

  /** {@code url} took {@code sent}: what did not change since is no longer owed to it. */
  synchronized void delivered(URI url, List<Sent> sent) {
    for (Sent one : sent) {
      Entry entry = entries.get(one.alert().labels());
      if (entry != null && entry.version == one.version()) {
        entry.owed.remove(url);
        if (!entry.alert.firing() && entry.owed.isEmpty()) {
          entries.remove(one.alert().labels());
        }
      }
    }
  }

  /** How many alerts the book holds, firing or resolved and not yet delivered everywhere. */
  synchronized int size() {
    return entries.size();
  }

  /** How many alerts were dropped because the book was full. */
  synchronized long dropped() {
    return dropped;
  }

  private void resolve(String title, Instant at) {
    Map<String, String> labels = firing.remove(title);
    if (labels != null) {
      Entry entry = entries.get(labels);
      entry.alert = entry.alert.resolved(at);
      oweAgain(entry);
    }
  }

  /** Records {@code alert} as owed to every Alertmanager; false when the book is full. */
  private boolean owe(Alert alert) {
    Entry entry = entries.get(alert.labels());
    if (entry == null) {
      if (entries.size() >= MAX_ALERTS) {
        if (dropped++ == 0) {
          LOG.log(
              Level.ERROR,
              "event=alerts-dropped reason=book-full limit=" + MAX_ALERTS
                  + " promise=" + alert.labels().get("promise"));
        }
        return false;
      }
      entry = new Entry();
      entries.put(alert.labels(), entry);
    }
    entry.alert = alert;
    oweAgain(entry);
    return true;
  }

  private void oweAgain(Entry entry) {
    entry.version++;
    entry.owed.addAll(urls);
  }
}
