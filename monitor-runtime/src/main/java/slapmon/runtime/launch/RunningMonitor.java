package slapmon.runtime.launch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import slapmon.runtime.alert.Alerting;
import slapmon.runtime.bootstrap.Bootstrap;
import slapmon.runtime.bootstrap.BootstrapResult;
import slapmon.runtime.bootstrap.PidFile;
import slapmon.config.settings.HttpdSection;
import slapmon.config.settings.MonitorSection;
import slapmon.runtime.http.MonitorServer;
import slapmon.runtime.live.LiveParameters;
import slapmon.runtime.parameters.AppliedEdits;
import slapmon.runtime.parameters.ParameterEditor;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.task.PeriodicTask;
import slapmon.runtime.task.TaskGuard;

/**
 * The monitor of one partition, running: the bootstrap done, the promise engine ticking, and the
 * periodic tasks (global state, feed, OPML, resource usage), the alerts pushed to
 * Alertmanager when configured. Everything that starts a thread
 * starts here, each task under {@link TaskGuard}; {@link #close()} stops it all.
 */
public final class RunningMonitor implements AutoCloseable {
  /** Every task survives what it throws; a fatal error of the JVM ends the process. */
  private static final TaskGuard GUARD = TaskGuard.HALTING;

  private final PromiseEngine engine;
  private final ScheduledExecutorService periodic;
  private final ScheduledExecutorService configEdits;
  private final List<PeriodicTask> tasks;
  private final BootstrapResult bootstrap;
  private final Optional<MonitorServer> server;
  private final Optional<Alerting> alerting;

  private RunningMonitor(
      PromiseEngine engine,
      ScheduledExecutorService periodic,
      ScheduledExecutorService configEdits,
      List<PeriodicTask> tasks,
      BootstrapResult bootstrap,
      Optional<MonitorServer> server,
      Optional<Alerting> alerting) {
    this.engine = engine;
    this.periodic = periodic;
    this.configEdits = configEdits;
    this.tasks = List.copyOf(tasks);
    this.bootstrap = bootstrap;
    this.server = server;
    this.alerting = alerting;
  }

  /**
   * How long after the server listens the engine's first tick and the periodic tasks' first runs
   * come: the first requests of a start (a supervisor's check, the operator's browser) get the
   * machine's two cores, which the first publication, the promise folders' scan and their cold code
   * took at once before. Nothing a request needs waits for them: the bootstrap is done before the
   * server listens, a forced run scans the folders itself and publishes the state.
   */
  static final Duration FIRST_RUNS_AFTER = Duration.ofSeconds(1);

  /** Bootstraps the partition and starts everything. */
  public static RunningMonitor start(RuntimeConfig config, Duration period, Clock clock)
      throws IOException {
    return start(config, period, clock, FIRST_RUNS_AFTER);
  }

  /**
   * The same, with the first tick of the engine and the first runs of the periodic tasks {@code
   * firstRunsAfter} once the server listens.
   */
  static RunningMonitor start(
      RuntimeConfig config, Duration period, Clock clock, Duration firstRunsAfter)
      throws IOException {
    MonitorSection section = config.conf().monitor();
    Optional<ServerPreparation> https =
        config.conf().httpd().map(httpd -> ServerPreparation.begin(config, httpd, GUARD));
    if (https.isEmpty()) {
      LibraryLogging.quiet();
    }
    Optional<String> pidProblem = PidFile.record(config.layout().pidFile());
    BootstrapResult bootstrap =
        new Bootstrap(config.bootstrapPaths(), config.parameterSettings().documents()::write).run();
    if (pidProblem.isPresent()) {
      List<String> problems = new ArrayList<>(bootstrap.problems());
      problems.add(pidProblem.get());
      bootstrap = new BootstrapResult(problems);
    }
    LiveParameters live =
        LiveParameters.watching(
            new LiveParameters.Sources(
                Optional.of(config.file()),
                config.conf().httpd().map(HttpdSection::corsDomains).orElse(List.of()),
                config.engine().timeoutFile(),
                config.engine().defaultTimeout()),
            clock);
    AppliedEdits edits = AppliedEdits.atStart(section.parameterList(), live);
    ParameterEditor editor = ParameterEditor.of(config.parameterSettings(), edits, clock);
    PromiseEngine engine =
        PromiseEngine.create(config.engine().withPromisePeriod(period), clock, live);
    List<PeriodicTask> tasks =
        new ArrayList<>(PeriodicTasks.tasks(config, engine, editor, period, clock));
    ScheduledExecutorService periodic = singleThread("slapmon-publication");
    // Its own thread, so that a slow periodic task never delays an edit.
    ScheduledExecutorService configEdits = singleThread("slapmon-config-edit");
    Optional<MonitorServer> server = Optional.empty();
    if (https.isPresent()) {
      server =
          Optional.of(
              HttpsService.start(config, config.conf().httpd().get(), https.get(), engine, live,
                  clock, stateNow(tasks, periodic)));
    }
    Optional<Alerting> alerting =
        config.conf().alertmanager()
            .map(settings -> Alerting.start(settings, config.alertIdentity(), GUARD, clock));
    alerting.ifPresent(alerts -> engine.listen(alerts.listener()));
    RunningMonitor monitor =
        new RunningMonitor(engine, periodic, configEdits, tasks, bootstrap, server, alerting);
    engine.start(firstRunsAfter);
    tasks.forEach(task -> GUARD.every(periodic, notBefore(firstRunsAfter, task)));
    GUARD.every(configEdits, PeriodicTasks.uploadTask(config.layout(), editor, clock));
    return monitor;
  }

  private static PeriodicTask notBefore(Duration delay, PeriodicTask task) {
    Duration first = task.firstAfter().compareTo(delay) < 0 ? delay : task.firstAfter();
    return PeriodicTask.of(task.name(), first, task.every(), task::run);
  }

  /**
   * Publishes the state (monitor.global.json, the feed) now, on the periodic tasks' thread so
   * never beside its periodic run: a forced run shows on the dashboard at once.
   */
  private static PeriodicTask.Body stateNow(
      List<PeriodicTask> tasks, ScheduledExecutorService periodic) {
    PeriodicTask state =
        tasks.stream().filter(task -> task.name().equals("state")).findFirst().orElseThrow();
    return () -> periodic.submit(() -> {
      state.run();
      return null;
    }).get();
  }

  private static ScheduledExecutorService singleThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(GUARD.daemonThreads(name));
  }

  public BootstrapResult bootstrap() {
    return bootstrap;
  }

  /** The HTTPS server's port, when {@code [httpd]} configured one. */
  public Optional<Integer> httpsPort() {
    return server.map(MonitorServer::port);
  }

  @Override
  public void close() throws IOException {
    if (server.isPresent()) {
      server.get().close();
    }
    // An edit being applied finishes first: its files are written one by one.
    configEdits.shutdown();
    periodic.shutdownNow();
    try {
      configEdits.awaitTermination(40, TimeUnit.SECONDS);
      periodic.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
    alerting.ifPresent(Alerting::close);
  }
}
