package slapmon.runtime;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import slapmon.runtime.bootstrap.Bootstrap;
import slapmon.runtime.bootstrap.BootstrapResult;
import slapmon.config.settings.MonitorSection;
import slapmon.runtime.http.MonitorServer;
import slapmon.runtime.io.WriteFailures;
import slapmon.runtime.parameters.AppliedEdits;
import slapmon.runtime.parameters.ParameterEditor;
import slapmon.runtime.promise.PromiseEngine;

/**
 * The monitor of one partition, running: the bootstrap done, the promise engine ticking, and the
 * periodic publication (global state, feed, OPML, resource usage). Everything that starts a thread
 * starts here; {@link #close()} stops it all.
 */
public final class RunningMonitor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("slapmon.monitor");

  private final PromiseEngine engine;
  private final ScheduledExecutorService publication;
  private final ScheduledExecutorService configEdits;
  private final List<PeriodicTask> tasks;
  private final BootstrapResult bootstrap;
  private final Optional<MonitorServer> server;

  private RunningMonitor(
      PromiseEngine engine,
      ScheduledExecutorService publication,
      ScheduledExecutorService configEdits,
      List<PeriodicTask> tasks,
      BootstrapResult bootstrap,
      Optional<MonitorServer> server) {
    this.engine = engine;
    this.publication = publication;
    this.configEdits = configEdits;
    this.tasks = List.copyOf(tasks);
    this.bootstrap = bootstrap;
    this.server = server;
  }

  /** Something the monitor does on its own schedule; an exception in it is logged, never fatal. */
  public interface PeriodicTask {
    String name();

    Duration every();

    /** How long after start the first run comes; at once unless a task says otherwise. */
    default Duration firstAfter() {
      return Duration.ZERO;
    }

    void run() throws Exception;
  }

  /** Bootstraps the partition and starts everything. */
  public static RunningMonitor start(RuntimeConfig config, Duration period, Clock clock)
      throws IOException {
    MonitorSection section = config.conf().monitor();
    BootstrapResult bootstrap = Bootstrap.of(section).run();
    AppliedEdits edits = AppliedEdits.atStart(section.parameterList());
    ParameterEditor editor = ParameterEditor.of(section, edits, clock);
    PromiseEngine engine =
        PromiseEngine.create(config.engine().withPromisePeriod(period), clock);
    List<PeriodicTask> tasks =
        new ArrayList<>(Publication.tasks(config, engine, editor, period, clock));
    ScheduledExecutorService publication = singleThread("slapmon-publication");
    // Its own thread, so that a slow publication task never delays an edit.
    ScheduledExecutorService configEdits = singleThread("slapmon-config-edit");
    Optional<MonitorServer> server = Optional.empty();
    if (config.conf().httpd().isPresent()) {
      server =
          Optional.of(
              HttpsService.start(config, config.conf().httpd().get(), engine, edits, clock));
    }
    RunningMonitor monitor =
        new RunningMonitor(engine, publication, configEdits, tasks, bootstrap, server);
    engine.start();
    for (PeriodicTask task : tasks) {
      publication.scheduleWithFixedDelay(
          () -> monitor.runSafely(task),
          task.firstAfter().toMillis(),
          task.every().toMillis(),
          TimeUnit.MILLISECONDS);
    }
    PeriodicTask uploads = Publication.uploadTask(section, editor, clock);
    configEdits.scheduleWithFixedDelay(
        () -> monitor.runSafely(uploads),
        uploads.firstAfter().toMillis(),
        uploads.every().toMillis(),
        TimeUnit.MILLISECONDS);
    return monitor;
  }

  private static ScheduledExecutorService singleThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
  }

  private void runSafely(PeriodicTask task) {
    try {
      task.run();
    } catch (Exception e) {
      // An exception escaping a periodic task would cancel every later run of it. A write
      // failure is logged once by WriteFailures, not once per period.
      if (!(e instanceof IOException && WriteFailures.snapshot().failing())) {
        LOG.log(Level.ERROR, "event=task-failed task=" + task.name() + " error=" + e, e);
      }
    }
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
    publication.shutdownNow();
    try {
      configEdits.awaitTermination(40, TimeUnit.SECONDS);
      publication.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
  }
}
