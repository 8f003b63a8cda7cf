package slapmon.runtime.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import slapmon.config.settings.AlertmanagerSection;
import slapmon.runtime.promise.RunListener;
import slapmon.runtime.task.PeriodicTask;
import slapmon.runtime.task.TaskGuard;
import slapmon.runtime.task.Ticker;

/**
 * Alerts pushed to Alertmanager, when {@code [alertmanager]} is configured: the {@link AlertBook}
 * listens to the promise engine's runs and the {@link AlertPusher} posts what it owes, every
 * second, on threads of its own under {@link TaskGuard}, so that a slow or absent Alertmanager
 * never holds a promise.
 */
public final class Alerting implements AutoCloseable {
  private static final Duration STEP = Duration.ofSeconds(1);

  private final AlertBook book;
  private final AlertPusher pusher;
  private final ScheduledExecutorService thread;
  private final ExecutorService http;

  private Alerting(
      AlertBook book, AlertPusher pusher, ScheduledExecutorService thread, ExecutorService http) {
    this.book = book;
    this.pusher = pusher;
    this.thread = thread;
    this.http = http;
  }

  /** Starts pushing the alerts of the monitor {@code identity} names to {@code settings}' Alertmanager. */
  public static Alerting start(
      AlertmanagerSection settings, AlertIdentity identity, TaskGuard guard, Clock clock) {
    AlertBook book =
        new AlertBook(identity, settings::failureThreshold, settings.urls(), clock);
    ExecutorService http =
        Executors.newFixedThreadPool(2, guard.daemonThreads("slapmon-alert-http"));
    AlertPusher pusher =
        new AlertPusher(
            book, new AlertmanagerClient(settings, http), settings.urls(),
            settings.resendInterval(), Ticker.SYSTEM, clock);
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(guard.daemonThreads("slapmon-alert"));
    guard.every(thread, PeriodicTask.of("alert-push", STEP, STEP, pusher::push));
    return new Alerting(book, pusher, thread, http);
  }

  /** What the promise engine tells of its runs. */
  public RunListener listener() {
    return book;
  }

  AlertBook book() {
    return book;
  }

  AlertPusher pusher() {
    return pusher;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    http.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
