package slapmon.runtime.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs at most {@code size} tasks at once, in line after that, on threads made only when none is
 * idle; a thread idle for {@code idleSeconds} ends.
 *
 * <p>A {@link ThreadPoolExecutor} whose core size is its bound makes a new thread for each task
 * until it has them all, idle ones waiting beside it, and hands work to the longest idle, so none
 * ever idles long enough to end: under a steady stream of short runs it keeps its bound alive,
 * each thread with its touched stack (about 90 KiB resident), for work that a few of them do
 * (docs/benchmarks.md, "Issue 19, thread19"). Here the threads come from an unbounded pool that
 * hands work to the most recently idle thread (so the others end), and the bound is a count: a
 * thread that ends a task takes the next one in line itself.
 */
public final class WorkerPool extends AbstractExecutorService {
  private final int size;
  private final ThreadPoolExecutor threads;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;
  private boolean shutDown;

  private WorkerPool(int size, long idleSeconds, ThreadFactory factory) {
    this.size = size;
    // A non-fair SynchronousQueue hands a task to the thread that waited least.
    this.threads =
        new ThreadPoolExecutor(
            0, Integer.MAX_VALUE, idleSeconds, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
  }

  public static WorkerPool create(int size, long idleSeconds, ThreadFactory threads) {
    if (size < 1) {
      throw new IllegalArgumentException("a pool needs at least one thread, not " + size);
    }
    return new WorkerPool(size, idleSeconds, threads);
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (shutDown) {
        throw new RejectedExecutionException("the pool is shut down");
      }
      if (running == size) {
        waiting.add(task);
        return;
      }
      running++;
    }
    try {
      threads.execute(() -> runFrom(task));
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        running--;
      }
      throw e;
    }
  }

  private void runFrom(Runnable first) {
    for (Runnable task = first; task != null; task = next()) {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        handOn(); // this thread ends with what ended the task, as a pool's thread does
        throw e;
      }
    }
  }

  /** Gives the line to a new thread, or counts this one out when nothing waits. */
  private synchronized void handOn() {
    Runnable task = waiting.poll();
    if (task != null) {
      try {
        threads.execute(() -> runFrom(task));
        return;
      } catch (RejectedExecutionException shutDownNow) {
        // Nothing more runs.
      }
    }
    running--;
  }

  /** The next task in line, or none: then this thread no longer counts as running one. */
  private synchronized Runnable next() {
    Runnable task = waiting.poll();
    if (task == null) {
      running--;
    }
    return task;
  }

  @Override
  public void shutdown() {
    synchronized (this) {
      shutDown = true;
    }
    threads.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> left;
    synchronized (this) {
      shutDown = true;
      left = new ArrayList<>(waiting);
      waiting.clear();
    }
    threads.shutdownNow();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutDown;
  }

  @Override
  public boolean isTerminated() {
    return isShutdown() && threads.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return threads.awaitTermination(timeout, unit);
  }
}
