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
import slapmon.runtime.http.MonitorServer;
import slapmon.runtime.io.WriteFailures;
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
  private final List<PeriodicTask> tasks;
  private final BootstrapResult bootstrap;
  private final Optional<MonitorServer> server;

  private RunningMonitor(
      PromiseEngine engine,
      ScheduledExecutorService publication,
      List<PeriodicTask> tasks,
      BootstrapResult bootstrap,
      Optional<MonitorServer> server) {
    this.engine = engine;
    this.publication = publication;
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
    BootstrapResult bootstrap = Bootstrap.of(config.conf().monitor()).run();
    PromiseEngine engine =
        PromiseEngine.create(config.engine().withPromisePeriod(period), clock);
    List<PeriodicTask> tasks = new ArrayList<>(Publication.tasks(config, engine, period, clock));
    ScheduledExecutorService publication =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "slapmon-publication");
              thread.setDaemon(true);
              return thread;
            });
    Optional<MonitorServer> server = Optional.empty();
    if (config.conf().httpd().isPresent()) {
      server =
          Optional.of(
              HttpsService.start(config, config.conf().httpd().get(), engine, clock));
    }
    RunningMonitor monitor = new RunningMonitor(engine, publication, tasks, bootstrap, server);
    engine.start();
    for (PeriodicTask task : tasks) {
      publication.scheduleWithFixedDelay(
          () -> monitor.runSafely(task),
          task.firstAfter().toMillis(),
          task.every().toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return monitor;
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
    publication.shutdownNow();
    try {
      publication.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
  }
}
