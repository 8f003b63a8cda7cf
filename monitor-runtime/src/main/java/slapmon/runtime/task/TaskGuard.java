package slapmon.runtime.task;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import slapmon.runtime.io.WriteFailures;

/**
 * What happens when work the monitor does on its own threads fails: its periodic tasks, the promise
 * engine's ticks, sweeps and runs, and every thread it starts. Whatever is thrown is logged and the
 * task runs again next period: anything escaping a {@link ScheduledExecutorService} task cancels
 * every later run of it, silently, while the process looks alive. A fatal error of the JVM ends the
 * process instead ({@link #fatal}): after one, any thread may have lost work half done (a
 * library's as well as ours) and supervisord restarts a process that ended, not one that only
 * looks alive. Thread-safe.
 */
public final class TaskGuard {
  private static final System.Logger LOG = System.getLogger("slapmon.task");

  /**
   * The exit code of a process ended on a fatal error (the launch's {@code ExitCode.FATAL}); the
   * code {@code -XX:+ExitOnOutOfMemoryError} exits with too. Owned here, below launch, so that
   * this package does not depend on the one that uses it.
   */
  public static final int FATAL_EXIT_CODE = 3;

  /**
   * Ends the process with {@link #FATAL_EXIT_CODE} at once. Not {@link System#exit}: the shutdown
   * hook stops the monitor and waits for its threads, the caller among them, and every step of a
   * clean stop may need memory there is none of. Files are written atomically; a halt loses only
   * the work in progress, which the next start redoes.
   */
  public static final TaskGuard HALTING =
      new TaskGuard(failure -> Runtime.getRuntime().halt(FATAL_EXIT_CODE));

  private final Consumer<Throwable> endProcess;

  /** A guard that calls {@code endProcess} on a fatal error (a test's, to see it called). */
  public TaskGuard(Consumer<Throwable> endProcess) {
    this.endProcess = Objects.requireNonNull(endProcess, "endProcess");
  }

  /**
   * Whether {@code failure}, or one of its causes, is a fatal error of the JVM: a {@link
   * VirtualMachineError} ({@link OutOfMemoryError}, {@link InternalError}, ...) other than a {@link
   * StackOverflowError}, which is over once the stack has unwound to the guard.
   */
  public static boolean fatal(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code body} now; whatever it throws is handled as {@link #failed} says. */
  public void run(String task, PeriodicTask.Body body) {
    try {
      body.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // being stopped
    } catch (Throwable failure) {
      failed(task, failure);
    }
  }

  /**
   * Handles what {@code task} threw: ends the process if it is {@link #fatal}, otherwise logs it,
   * except a write failure while writes are failing, which {@link WriteFailures} logs once.
   */
  public void failed(String task, Throwable failure) {
    if (fatal(failure)) {
      try {
        LOG.log(
            Level.ERROR,
            "event=fatal-error task=" + task + " error=" + failure + " action=exit code="
                + FATAL_EXIT_CODE);
      } catch (Throwable ignored) {
        // Out of memory even for the log line: ending matters more than saying why.
      }
      endProcess.accept(failure);
      return;
    }
    if (failure instanceof IOException && WriteFailures.snapshot().failing()) {
      return;
    }
    LOG.log(Level.ERROR, "event=task-failed task=" + task + " error=" + failure, failure);
  }

  /** Runs {@code task} on {@code executor} at its first delay, then every period after each run. */
  public void every(ScheduledExecutorService executor, PeriodicTask task) {
    executor.scheduleWithFixedDelay(
        () -> run(task.name(), task::run),
        task.firstAfter().toMillis(),
        task.every().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Daemon threads named {@code name-N} whose uncaught failures this guard handles. */
  public ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return body -> {
      Thread thread = new Thread(body, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler(uncaught());
      return thread;
    };
  }

  /**
   * Makes this guard handle what ends any thread of the process without a handler of its own (the
   * JDK's and the libraries' threads, the promise output drains): for {@code run} and {@code demo}.
   */
  public void handleEveryUncaughtFailure() {
    Thread.setDefaultUncaughtExceptionHandler(uncaught());
  }

  /** Handles what ends a thread: as {@link #failed}, the thread's name for the task. */
  public Thread.UncaughtExceptionHandler uncaught() {
    return (thread, failure) -> failed(thread.getName(), failure);
  }
}
