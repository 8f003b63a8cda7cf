package slapmon.runtime.promise;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import slapmon.runtime.live.LiveParameters;
import slapmon.runtime.plugin.PluginRun;
import slapmon.runtime.plugin.PluginRunner;
import slapmon.runtime.process.ProcessRunner;
import slapmon.runtime.task.PeriodicTask;
import slapmon.runtime.task.TaskGuard;
import slapmon.runtime.task.Ticker;
import slapmon.runtime.task.WorkerPool;

/**
 * Runs the partition's promises every period and its reports on their own periods, on a bounded
 * pool of workers: each at its own offset inside the period, never overlapping itself, a hung one
 * delaying nobody but itself; one thread publishes the results in turn ({@link PublishLine}). An
 * executable whose last run timed out runs on a separate, smaller pool (a quarter of the workers),
 * so that many hung ones cannot take every worker. {@link #tick} is one step of the schedule;
 * {@link #start} calls it every second, and sweeps every second, on a thread of its own, for
 * processes that outlived their run, each under {@link TaskGuard}. The schedule is kept on a
 * monotonic {@link Ticker}: the wall clock only dates results and aligns each executable's first
 * slot.
 */
public final class PromiseEngine implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("slapmon.promise");
  private static final long IDLE_WORKER_SECONDS = 30;
  /** More titles skipped in one tick than this are logged on one line. */
  static final int SKIPS_LOGGED_ONE_BY_ONE = 10;

  private final EngineSettings settings;
  private final Clock clock;
  private final Ticker ticker;
  private final TaskGuard guard = TaskGuard.HALTING;
  private final ProcessRunner processes;
  private final Runner runner;
  private final Publisher publisher;
  private final ExecutorService workers;
  private final ExecutorService loweredWorkers;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final PublishLine publications;
  /** Results handed over and not yet published; under {@link #idle}. */
  private int unpublished;
  private final RunCounters counters = new RunCounters();
  private final Object idle = new Object();
  // Ticker readings; read without the engine's lock, so that the runner's health can be told while
  // a tick is stuck.
  private final Map<String, Long> nextDue = new ConcurrentHashMap<>();
  private volatile Long nextScan;
  private volatile Long lastRunEnded;
  private volatile Map<String, Executable> catalog = Map.of();
  private final Optional<SlapgridResults> slapgrid;
  // What each of slapgrid's results last showed: published again only when that changes.
  private final Map<String, RunResult.Shown> slapgridShown = new ConcurrentHashMap<>();
  private final List<RunListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  private ScheduledExecutorService sweeper;
  // slapmon's own runs of the plugins, where slapgrid does not run them: their results land where
  // slapgrid's do and are read back by the same SlapgridResults.
  private final Optional<PluginRunner> plugins;
  private final ExecutorService pluginPasses;
  private final Object pluginPassLock = new Object();
  private volatile Long nextPluginPass;
  /**
   * Set by {@link #close}: a tick that was waiting for the engine's lock while close held it enters
   * afterwards and must write nothing, or the process's halt would cut its write short.
   */
  private volatile boolean closed;

  private PromiseEngine(EngineSettings settings, Clock clock, Ticker ticker, LiveParameters live)
      throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.ticker = ticker;
    this.processes = new ProcessRunner(clock);
    this.runner = new Runner(settings, processes, clock, live);
    this.publisher = new Publisher(settings);
    this.slapgrid = settings.slapgrid().map(SlapgridResults::new);
    this.plugins = settings.slapgrid().flatMap(SlapgridSource::runner).map(PluginRunner::new);
    this.pluginPasses = Executors.newSingleThreadExecutor(guard.daemonThreads("slapmon-plugins"));
    this.workers = pool(settings.workers(), "slapmon-promise");
    this.loweredWorkers = pool(Math.max(1, settings.workers() / 4), "slapmon-promise-lowered");
    // As many results in line as workers: no more held than when each worker published its own.
    this.publications =
        new PublishLine(settings.workers(), guard.daemonThreads("slapmon-publisher"));
  }

  private ExecutorService pool(int size, String name) {
    // Workers exist while there is work, only as many as the runs at once: a burst of slow runs
    // does not leave its threads behind, nor do short runs keep idle ones.
    return WorkerPool.create(size, IDLE_WORKER_SECONDS, guard.daemonThreads(name));
  }

  /** An engine on the system's monotonic clock. */
  public static PromiseEngine create(EngineSettings settings, Clock clock) throws IOException {
    return create(settings, clock, Ticker.SYSTEM);
  }

  /** An engine that dates with {@code clock} and schedules on {@code ticker}. */
  public static PromiseEngine create(EngineSettings settings, Clock clock, Ticker ticker)
      throws IOException {
    return new PromiseEngine(
        settings, clock, ticker,
        LiveParameters.ofTimeoutFile(settings.timeoutFile(), settings.defaultTimeout()));
  }

  /** An engine whose promise timeout is the one {@code live} holds. */
  public static PromiseEngine create(EngineSettings settings, Clock clock, LiveParameters live)
      throws IOException {
    return new PromiseEngine(settings, clock, Ticker.SYSTEM, live);
  }

  /** Tells {@code listener} of every promise run published from now on, and of retired ones. */
  public void listen(RunListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** Ticks every second from now on, on a thread of its own. */
  public void start() {
    start(Duration.ZERO);
  }

  /** Ticks every second from {@code firstTickAfter} on, on a thread of its own. */
  public synchronized void start(Duration firstTickAfter) {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    Duration second = Duration.ofSeconds(1);
    scheduler =
        Executors.newSingleThreadScheduledExecutor(guard.daemonThreads("slapmon-scheduler"));
    guard.every(scheduler, PeriodicTask.of("scheduler", firstTickAfter, second, this::tick));
    // Its own thread: a tick waits for the engine's lock, the sweep must not.
    sweeper = Executors.newSingleThreadScheduledExecutor(guard.daemonThreads("slapmon-sweeper"));
    guard.every(sweeper, PeriodicTask.of("sweeper", second, second, processes::sweepLeftovers));
  }

  /** One step: rescans the folders once per period, starts what is due and not running. */
  synchronized void tick() throws IOException {
    if (closed) {
      return;
    }
    Instant wallNow = clock.instant();
    long now = ticker.nanos();
    Long scan = nextScan;
    if (scan == null || now - scan >= 0) {
      rescan(wallNow);
      nextScan = now + settings.promisePeriod().toNanos();
    }
    List<String> skipped = new ArrayList<>();
    for (Map.Entry<String, Executable> entry : catalog.entrySet()) {
      String key = entry.getKey();
      Executable executable = entry.getValue();
      long due = nextDue.computeIfAbsent(key, k -> now + firstSlotIn(executable, wallNow));
      if (now - due < 0) {
        continue;
      }
      nextDue.put(key, Schedule.slotAfter(due, period(executable), now));
      if (running.add(key)) {
        (runner.lowered(executable) ? loweredWorkers : workers)
            .execute(() -> runAndPublish(key, executable));
      } else {
        skipped.add(executable.title());
      }
    }
    logSkipped(skipped);
    startPluginPassIfDue(now);
    // Every tick: slapgrid writes when it runs, and a changed result is parsed again only then.
    publishSlapgrid(wallNow, Optional.empty());
    publisher.saveState();
  }

  /**
   * One line per title, or, when many are skipped at once (a machine that cannot keep up), one line
   * for them all: a line per skip was then a good part of what the scheduler's thread spent.
   */
  private static void logSkipped(List<String> titles) {
    if (titles.size() <= SKIPS_LOGGED_ONE_BY_ONE) {
      titles.forEach(
          title -> LOG.log(Level.WARNING, "event=skipped reason=still-running title=" + title));
    } else {
      LOG.log(
          Level.WARNING,
          "event=skipped reason=still-running count=" + titles.size() + " titles="
              + String.join(",", titles.subList(0, SKIPS_LOGGED_ONE_BY_ONE)) + ",...");
    }
  }

  /**
   * Every period, when slapmon runs the plugins itself ({@code run-plugins}): a pass on a thread of
   * its own, never two at once; a pass that takes longer than a period delays the next one.
   */
  private void startPluginPassIfDue(long now) {
    if (plugins.isEmpty() || !plugins.get().settings().everyPeriod()) {
      return;
    }
    Long due = nextPluginPass;
    if (due != null && now - due < 0) {
      return;
    }
    nextPluginPass = now + settings.promisePeriod().toNanos();
    pluginPasses.execute(
        () -> guard.run("plugin pass", () -> runPluginPass(Optional.empty(), false)));
  }

  /**
   * One pass of slapmon's plugin runner, now (for {@code slapmon promise run} and a forced run):
   * {@code force} runs each plugin whatever its periodicity says. Empty when slapmon does not run
   * plugins. Never two passes at once: a second call waits for the first.
   */
  public List<PluginRun> runPluginPass(Optional<String> only, boolean force)
      throws IOException, InterruptedException {
    if (plugins.isEmpty()) {
      return List.of();
    }
    synchronized (pluginPassLock) {
      return plugins.get().runPass(only, force);
    }
  }

  /** Runs every promise once, now, in parallel; returns the results in title order. */
  public RunSummary runPromisesOnce(Optional<String> only)
      throws IOException, InterruptedException {
    return runPromisesOnce(only, false);
  }

  /**
   * Runs every promise once, now, in parallel, and the plugins when slapmon runs them ({@code
   * forcePlugins}: whatever their periodicity says); returns the results in title order.
   */
  public RunSummary runPromisesOnce(Optional<String> only, boolean forcePlugins)
      throws IOException, InterruptedException {
    runPluginPass(only, forcePlugins);
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
    results.addAll(publishSlapgrid(clock.instant(), only));
    results.sort(Comparator.comparing(result -> result.executable().title()));
    publisher.saveState();
    return new RunSummary(results);
  }

  /** Nanoseconds from {@code wallNow} to the executable's first slot. */
  private long firstSlotIn(Executable executable, Instant wallNow) {
    return Schedule.untilSlot(executable.title(), period(executable), wallNow).toNanos();
  }

  private Duration period(Executable executable) {
    return executable.kind() == Kind.PROMISE ? settings.promisePeriod() : executable.period().every();
  }

  /**
   * A scheduled run: the worker runs the process and hands the result over to be published; the
   * promise may run again from then on (its next result is published after this one).
   */
  private void runAndPublish(String key, Executable executable) {
    try {
      guard.run("run title=" + executable.title(), () -> runAndHandOver(key, executable));
    } finally {
      finished(key);
    }
  }

  private CompletableFuture<RunResult> runAndHandOver(String key, Executable executable)
      throws InterruptedException {
    RunResult result = runner.run(executable);
    counters.record(result);
    CompletableFuture<RunResult> published = new CompletableFuture<>();
    synchronized (idle) {
      unpublished++;
    }
    try {
      publications.add(() -> publish(key, result, published));
    } catch (InterruptedException | RuntimeException e) {
      published(published, result, e);
      throw e;
    }
    return published;
  }

  /** On the publishing thread, in the order the runs were handed over. */
  private void publish(String key, RunResult result, CompletableFuture<RunResult> published) {
    Throwable failure = null;
    try {
      if (catalog.containsKey(key)) {
        publisher.publish(result, clock.instant());
        if (result.executable().kind() == Kind.PROMISE) {
          ran(result);
        }
      }
      lastRunEnded = ticker.nanos();
    } catch (Throwable e) {
      failure = e;
      guard.failed("publish title=" + result.executable().title(), e);
    } finally {
      published(published, result, failure);
    }
  }

  private void published(
      CompletableFuture<RunResult> published, RunResult result, Throwable failure) {
    synchronized (idle) {
      unpublished--;
      idle.notifyAll();
    }
    if (failure == null) {
      published.complete(result);
    } else {
      published.completeExceptionally(failure); // a forced run's caller is told
    }
  }

  private void finished(String key) {
    synchronized (idle) {
      running.remove(key);
      idle.notifyAll();
    }
  }

  /** A forced run asked for a promise that is running now; its result comes when that run ends. */
  public static final class AlreadyRunning extends Exception {
    private static final long serialVersionUID = 1L;

    AlreadyRunning(String title) {
      super(title + " is running now");
    }
  }

  /**
   * A forced run (the dashboard's): the promise titled {@code only}, or all of them, now, whatever
   * their schedule, published as a scheduled run would be (status document, history, listeners).
   * The plugins run when slapmon runs them, whatever their periodicity; slapgrid's results are read
   * again. A legacy executable the scheduler is running is not run twice: with {@code only} that is
   * {@link AlreadyRunning}, otherwise it is left to the scheduler's run. Empty when nothing has
   * that title. The runs happen on the engine's workers; the scheduler is held only while the
   * folders are scanned and slapgrid's results published.
   */
  public RunSummary runNow(Optional<String> only)
      throws IOException, InterruptedException, AlreadyRunning {
    synchronized (this) {
      rescan(clock.instant());
    }
    runPluginPass(only, true);
    Map<String, Future<RunResult>> started = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Executable> entry : catalog.entrySet()) {
      Executable executable = entry.getValue();
      if (executable.kind() != Kind.PROMISE || !only.map(executable.title()::equals).orElse(true)) {
        continue;
      }
      String key = entry.getKey();
      if (!running.add(key)) {
        if (only.isPresent()) {
          throw new AlreadyRunning(executable.title());
        }
        continue;
      }
      try {
        started.put(key, (runner.lowered(executable) ? loweredWorkers : workers).submit(() -> {
          CompletableFuture<RunResult> published;
          try {
            published = runAndHandOver(key, executable);
          } finally {
            finished(key);
          }
          return published.get(); // a forced run returns once published
        }));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        finished(key);
        throw new IOException("the engine is stopping", e);
      }
    }
    List<RunResult> results = new ArrayList<>();
    for (Future<RunResult> future : started.values()) {
      try {
        results.add(future.get());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("a promise run failed unexpectedly: " + e.getCause(), e.getCause());
      }
    }
    synchronized (this) {
      results.addAll(publishSlapgrid(clock.instant(), only));
      publisher.saveState();
    }
    results.sort(Comparator.comparing(result -> result.executable().title()));
    return new RunSummary(results);
  }

  private void ran(RunResult result) {
    PromiseRun run = PromiseRun.of(result);
    listeners.forEach(listener -> listener.ran(run));
  }

  /**
   * When the last promise or report run ended, if one has: on the wall clock as it reads now, that
   * long ago, whatever steps the wall clock took since.
   */
  public Optional<Instant> lastRun() {
    Long ended = lastRunEnded;
    if (ended == null) {
      return Optional.empty();
    }
    return Optional.of(clock.instant().minusNanos(ticker.nanos() - ended));
  }

  /**
   * The engine's next step, if it has taken a first one: the earliest next start of any promise or
   * report, or its next look for new ones if that comes first. On the wall clock as it reads now,
   * that far ahead; in the past when the engine stopped ticking.
   */
  public Optional<Instant> nextRun() {
    Instant wallNow = clock.instant();
    long now = ticker.nanos();
    Optional<Long> next =
        Stream.concat(nextDue.values().stream(), Stream.ofNullable(nextScan))
            .min(Comparator.comparingLong(due -> due - now));
    return next.map(due -> wallNow.plusNanos(due - now));
  }

  /** The runs this engine made since it started, for the metrics' counters. */
  public RunCounters counters() {
    return counters;
  }

  /** The period promises run at. */
  public Duration period() {
    return settings.promisePeriod();
  }

  /** What is wrong with the promise timeout file, if anything. */
  public Optional<String> timeoutProblem() {
    return runner.timeoutProblem();
  }

  /**
   * Waits until no run is in progress or unpublished; false if that did not happen within {@code
   * limit}.
   */
  boolean awaitIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (idle) {
      while (!running.isEmpty() || unpublished > 0) {
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
    if (slapgrid.isPresent()) {
      slapgrid.get().rescanPlugins();
    }
    Set<String> fromSlapgrid = slapgridResults(now).keySet();
    slapgridShown.keySet().retainAll(fromSlapgrid);
    for (Kind kind : Kind.values()) {
      for (String title : publishedTitles(kind)) {
        if (!found.containsKey(Catalog.key(kind, title))
            && !(kind == Kind.PROMISE && fromSlapgrid.contains(title))) {
          publisher.retire(kind, title, now);
          if (kind == Kind.PROMISE) {
            listeners.forEach(listener -> listener.retired(title));
          }
          LOG.log(Level.INFO, "event=retired kind=" + kind + " title=" + title);
        }
      }
    }
  }

  /**
   * slapgrid's results as shown at {@code now}, by title, but those of a promise slapmon runs
   * itself: a legacy executable that both run is one promise, slapmon's run of it every period.
   */
  private Map<String, RunResult> slapgridResults(Instant now) throws IOException {
    if (slapgrid.isEmpty()) {
      return Map.of();
    }
    Map<String, RunResult> results = slapgrid.get().read(now);
    results.keySet().removeIf(title -> catalog.containsKey(Catalog.key(Kind.PROMISE, title)));
    return results;
  }

  /**
   * Publishes what slapgrid's results show now where it changed (the status file, a history
   * entry); returns them, the one named {@code only} when given.
   */
  private List<RunResult> publishSlapgrid(Instant now, Optional<String> only) throws IOException {
    List<RunResult> shown = new ArrayList<>();
    for (RunResult result : slapgridResults(now).values()) {
      String title = result.executable().title();
      if (only.map(title::equals).orElse(true)) {
        RunResult.Shown seen = result.shown();
        if (!seen.equals(slapgridShown.get(title))) {
          if (!publisher.shows(result)) {
            publisher.publish(result, now);
          }
          // Also when another process published it first: this monitor has not been told yet.
          ran(result);
        }
        slapgridShown.put(title, seen);
        shown.add(result);
      }
    }
    return shown;
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
    closed = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
      sweeper.shutdownNow();
    }
    workers.shutdownNow();
    loweredWorkers.shutdownNow();
    pluginPasses.shutdownNow();
    plugins.ifPresent(PluginRunner::close);
    try {
      if (scheduler != null) {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      }
      workers.awaitTermination(10, TimeUnit.SECONDS);
      loweredWorkers.awaitTermination(10, TimeUnit.SECONDS);
      // What the runs handed over is published before the state is saved.
      if (!publications.close(Duration.ofSeconds(10))) {
        LOG.log(Level.WARNING, "event=publish-unfinished reason=engine-closing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.saveState();
  }
}
