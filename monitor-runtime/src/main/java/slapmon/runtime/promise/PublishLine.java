package slapmon.runtime.promise;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One thread that publishes the runs' results in the order they were handed over, so that a run
 * ends with its process and frees its worker. The result folder takes its creates, links and
 * renames one at a time whatever the threads: many publishing workers only queued on its lock
 * (docs/benchmarks.md, "Issue 19, pub19"), each holding its run in flight. The line is bounded:
 * when the disk is slower than the runs, a worker waits to hand over instead of the heap growing.
 */
final class PublishLine {
  private static final Runnable END = () -> {};

  private final BlockingQueue<Runnable> line;
  private final Thread thread;
  private volatile boolean closing;

  PublishLine(int capacity, ThreadFactory threads) {
    this.line = new ArrayBlockingQueue<>(capacity);
    this.thread = threads.newThread(this::publishInTurn);
    thread.start();
  }

  /** Puts {@code publication} in line, waiting while the line is full. */
  void add(Runnable publication) throws InterruptedException {
    if (closing) {
      throw new RejectedExecutionException("the engine is stopping");
    }
    line.put(publication);
  }

  private void publishInTurn() {
    while (true) {
      Runnable next;
      try {
        next = line.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == END) {
        return;
      }
      next.run();
    }
  }

  /**
   * Publishes what is in line, then ends; false if that did not happen within {@code limit}. Called
   * once the workers stopped, so that nothing handed over is lost.
   */
  boolean close(Duration limit) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + limit.toNanos();
    if (!line.offer(END, limit.toNanos(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    thread.join(Math.max(1, left));
    return !thread.isAlive();
  }
}
