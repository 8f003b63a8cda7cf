package slapmon.runtime.promise;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import slapmon.runtime.io.WriteFailures;
import slapmon.runtime.process.ProcessRunner;

/**
 * Runs the partition's promises every period and its reports on their own periods, on a bounded
 * pool of workers: each at its own offset inside the period, never overlapping itself, a hung one
 * delaying nobody but itself. An executable whose last run timed out runs on a separate, smaller
 * pool (a quarter of the workers), so that many hung ones cannot take every worker. {@link #tick}
 * is one step of the schedule; {@link #start} calls it every second and survives any exception in
 * it, and sweeps every second, on a thread of its own, for processes that outlived their run.
 */
public final class PromiseEngine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("slapmon.promise");
  private static final long IDLE_WORKER_SECONDS = 30;

  private final EngineSettings settings;
  private final Clock clock;
  private final ProcessRunner processes;
  private final Runner runner;
  private final Publisher publisher;
  private final ExecutorService workers;
  private final ExecutorService loweredWorkers;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Object idle = new Object();
  private final Map<String, Instant> nextDue = new HashMap<>();
  private volatile Map<String, Executable> catalog = Map.of();
  private Instant nextScan = Instant.MIN;
  private volatile Instant lastRunEnded;
  private ScheduledExecutorService ticker;
  private ScheduledExecutorService sweeper;

  private PromiseEngine(EngineSettings settings, Clock clock) throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.processes = new ProcessRunner(clock);
    this.runner = new Runner(settings, processes, clock);
    this.publisher = new Publisher(settings);
    this.workers = pool(settings.workers(), "slapmon-promise");
    this.loweredWorkers = pool(Math.max(1, settings.workers() / 4), "slapmon-promise-lowered");
  }

  private static ExecutorService pool(int size, String name) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size, size, IDLE_WORKER_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            daemonThreads(name));
    // Workers exist while there is work: a burst of slow runs does not leave its threads behind.
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  public static PromiseEngine create(EngineSettings settings, Clock clock) throws IOException {
    return new PromiseEngine(settings, clock);
  }

  /** Ticks every second from now on, on a thread of its own. */
  public synchronized void start() {
    if (ticker != null) {
      throw new IllegalStateException("already started");
    }
    ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("slapmon-scheduler"));
    ticker.scheduleWithFixedDelay(this::safeTick, 0, 1, TimeUnit.SECONDS);
    // Its own thread: a tick waits for the engine's lock, the sweep must not.
    sweeper = Executors.newSingleThreadScheduledExecutor(daemonThreads("slapmon-sweeper"));
    sweeper.scheduleWithFixedDelay(this::safeSweep, 1, 1, TimeUnit.SECONDS);
  }

  private void safeSweep() {
    try {
      processes.sweepLeftovers();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "event=sweep-failed error=" + e, e);
    }
  }

  private void safeTick() {
    try {
      tick(clock.instant());
    } catch (Exception e) {
      // An exception escaping a periodic task would cancel every later tick. A write failure is
      // logged once by WriteFailures, not once per tick.
      if (!(e instanceof IOException && WriteFailures.snapshot().failing())) {
        LOG.log(Level.ERROR, "event=tick-failed error=" + e, e);
      }
    }
  }

  /** One step: rescans the folders once per period, starts what is due and not running. */
  synchronized void tick(Instant now) throws IOException {
    if (!now.isBefore(nextScan)) {
      rescan(now);
      nextScan = now.plus(settings.promisePeriod());
    }
    for (Map.Entry<String, Executable> entry : catalog.entrySet()) {
      String key = entry.getKey();
      Executable executable = entry.getValue();
      Instant due = nextDue.computeIfAbsent(key, k -> firstSlot(executable, now));
      if (now.isBefore(due)) {
        continue;
      }
      nextDue.put(key, Schedule.slotAfter(executable.title(), period(executable), now));
      if (running.add(key)) {
        (runner.lowered(executable) ? loweredWorkers : workers)
            .execute(() -> runAndPublish(key, executable));
      } else {
        LOG.log(Level.WARNING, "event=skipped reason=still-running title=" + executable.title());
      }
    }
    publisher.saveState();
  }

  /** Runs every promise once, now, in parallel; returns the results in title order. */
  public RunSummary runPromisesOnce(Optional<String> only)
      throws IOException, InterruptedException {
    rescan(clock.instant());
    List<Future<RunResult>> futures = new ArrayList<>();
    for (Executable executable : catalog.values()) {
      if (executable.kind() == Kind.PROMISE
          && only.map(executable.title()::equals).orElse(true)) {
        futures.add(
            workers.submit(
                () -> {
                  RunResult result = runner.run(executable);
                  publisher.publish(result, clock.instant());
                  return result;
                }));
      }
    }
    List<RunResult> results = new ArrayList<>();
    for (Future<RunResult> future : futures) {
      try {
        results.add(future.get());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("a promise run failed unexpectedly: " + e.getCause(), e.getCause());
      }
    }
    publisher.saveState();
    return new RunSummary(results);
  }

  private Instant firstSlot(Executable executable, Instant now) {
    return Schedule.slotAtOrAfter(executable.title(), period(executable), now);
  }

  private java.time.Duration period(Executable executable) {
    return executable.kind() == Kind.PROMISE ? settings.promisePeriod() : executable.period().every();
  }

  private void runAndPublish(String key, Executable executable) {
    try {
      RunResult result = runner.run(executable);
      if (catalog.containsKey(key)) {
        publisher.publish(result, clock.instant());
      }
      lastRunEnded = clock.instant();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (!(e instanceof IOException && WriteFailures.snapshot().failing())) {
        // A write failure is logged once by WriteFailures, not once per run.
        LOG.log(Level.ERROR, "event=run-failed title=" + executable.title() + " error=" + e, e);
      }
    } finally {
      synchronized (idle) {
        running.remove(key);
        idle.notifyAll();
      }
    }
  }

  /** When the last promise or report run ended, if one has. */
  public Optional<Instant> lastRun() {
    return Optional.ofNullable(lastRunEnded);
  }

  /** The earliest next start of any promise or report, if anything is scheduled. */
  public synchronized Optional<Instant> nextRun() {
    return nextDue.values().stream().min(Instant::compareTo);
  }

  /** The period promises run at. */
  public java.time.Duration period() {
    return settings.promisePeriod();
  }

  /** What is wrong with the promise timeout file, if anything. */
  public Optional<String> timeoutProblem() {
    return runner.timeoutProblem();
  }

  /** Waits until no run is in progress; false if that did not happen within {@code limit}. */
  boolean awaitIdle(java.time.Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (idle) {
      while (!running.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  private void rescan(Instant now) throws IOException {
    Map<String, Executable> found = Catalog.scan(settings.promiseFolders(), settings.reportFolder());
    catalog = found;
    nextDue.keySet().retainAll(found.keySet());
    for (Kind kind : Kind.values()) {
      for (String title : publishedTitles(kind)) {
        if (!found.containsKey(Catalog.key(kind, title))) {
          publisher.retire(kind, title, now);
          LOG.log(Level.INFO, "event=retired kind=" + kind + " title=" + title);
        }
      }
    }
  }

  private List<String> publishedTitles(Kind kind) throws IOException {
    List<String> titles = new ArrayList<>();
    Path folder = settings.resultFolder(kind);
    if (!Files.isDirectory(folder)) {
      return titles;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + kind.suffix)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        titles.add(name.substring(0, name.length() - kind.suffix.length()));
      }
    }
    return titles;
  }

  @Override
  public synchronized void close() throws IOException {
    if (ticker != null) {
      ticker.shutdownNow();
      sweeper.shutdownNow();
    }
    workers.shutdownNow();
    loweredWorkers.shutdownNow();
    try {
      if (ticker != null) {
        ticker.awaitTermination(5, TimeUnit.SECONDS);
      }
      workers.awaitTermination(10, TimeUnit.SECONDS);
      loweredWorkers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.saveState();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
