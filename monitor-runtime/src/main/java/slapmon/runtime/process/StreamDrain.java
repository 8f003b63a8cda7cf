package slapmon.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one output stream of a process to its end into a {@link HeadTailBuffer}, on a thread of
 * its own, so that the process never blocks on a full pipe whatever it prints.
 *
 * <p>The threads are shared by every run: two new threads per run were a measurable part of a
 * run's cost (docs/benchmarks.md, "Promise runs, issue 19"). A drain that never ends (a process
 * outside the run holding the pipe) keeps its thread, as it did when each drain had its own; the
 * others come back to the pool, and those idle for {@link #IDLE_SECONDS} end.
 */
final class StreamDrain {
  private static final int CHUNK = 8192;
  private static final long IDLE_SECONDS = 30;
  private static final AtomicInteger THREADS_MADE = new AtomicInteger();
  private static final ExecutorService THREADS = threads();
  private static final ThreadLocal<byte[]> CHUNKS = ThreadLocal.withInitial(() -> new byte[CHUNK]);

  private final InputStream in;
  private final HeadTailBuffer buffer;
  private final CountDownLatch ended = new CountDownLatch(1);

  private StreamDrain(InputStream in, int cap) {
    this.in = in;
    this.buffer = new HeadTailBuffer(cap);
  }

  static StreamDrain start(InputStream in, int cap) {
    StreamDrain drain = new StreamDrain(in, cap);
    THREADS.execute(drain::drain);
    return drain;
  }

  private static ExecutorService threads() {
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
        body -> {
          Thread thread = new Thread(body, "slapmon-drain-" + THREADS_MADE.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** How many drain threads were made since the start, for tests. */
  static int threadsMade() {
    return THREADS_MADE.get();
  }

  private void drain() {
    byte[] chunk = CHUNKS.get();
    try {
      int n;
      while ((n = in.read(chunk)) != -1) {
        buffer.append(chunk, 0, n);
      }
    } catch (IOException closed) {
      // The runner closed the stream after giving up on it: what was read so far is the output.
    } finally {
      ended.countDown();
    }
  }

  /** Waits until the stream has ended or {@code deadlineNanos} (a {@link System#nanoTime()}). */
  boolean awaitEnd(long deadlineNanos) throws InterruptedException {
    long left = deadlineNanos - System.nanoTime();
    if (left > 0) {
      ended.await(left, TimeUnit.NANOSECONDS);
    }
    return ended.getCount() == 0;
  }

  /**
   * Closes the stream. On Linux this does not wake a read blocked on a pipe that another process
   * still holds open; the thread then ends when that process dies, and is abandoned until then.
   */
  void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing more to read either way.
    }
  }

  String text() {
    return buffer.text();
  }
}
