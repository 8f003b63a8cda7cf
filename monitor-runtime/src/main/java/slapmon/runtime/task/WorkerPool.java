package slapmon.runtime.task;

import java.io.Serial;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A pool of at most {@code size} threads that makes a new thread only when none is idle, queues
 * what comes while all {@code size} are busy, and lets a thread idle for {@code idleSeconds} end.
 *
 * <p>A {@link ThreadPoolExecutor} whose core size is its bound makes a new thread for each task
 * until it has them all, idle ones waiting beside it: under a steady stream of short tasks it
 * keeps its bound alive, each thread with its touched stack (about 90 KiB resident), for work
 * that a third of them do (docs/benchmarks.md, "Issue 19, thread19").
 */
public final class WorkerPool {
  private WorkerPool() {}

  public static ExecutorService create(int size, long idleSeconds, ThreadFactory threads) {
    if (size < 1) {
      throw new IllegalArgumentException("a pool needs at least one thread, not " + size);
    }
    HandOffFirst queue = new HandOffFirst();
    return new ThreadPoolExecutor(
        0, size, idleSeconds, TimeUnit.SECONDS, queue, threads, queue::queueWhenFull);
  }

  /**
   * Gives a task to an idle thread, or refuses it so that the pool makes a thread; when the pool
   * is full, its refusal comes back here and the task waits in line.
   */
  private static final class HandOffFirst extends LinkedTransferQueue<Runnable> {
    @Serial private static final long serialVersionUID = 1L;

    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void queueWhenFull(Runnable task, ThreadPoolExecutor pool) {
      if (pool.isShutdown()) {
        throw new RejectedExecutionException("the pool is shut down");
      }
      super.offer(task);
      // The pool was full when it refused; if every thread has since ended idle, none would take
      // the task: a task of nothing makes one, which then takes it from the line.
      if (pool.getPoolSize() == 0) {
        pool.execute(() -> {});
      }
    }
  }
}
