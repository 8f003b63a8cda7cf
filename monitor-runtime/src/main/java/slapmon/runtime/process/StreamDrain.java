package slapmon.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread reading one output stream of a process to its end into a {@link
 * HeadTailBuffer}, so that the process never blocks on a full pipe whatever it prints.
 */
final class StreamDrain {
  private static final int CHUNK = 8192;

  private final InputStream in;
  private final HeadTailBuffer buffer;
  private final Thread thread;

  private StreamDrain(InputStream in, int cap, String threadName) {
    this.in = in;
    this.buffer = new HeadTailBuffer(cap);
    this.thread = new Thread(this::drain, threadName);
    thread.setDaemon(true);
  }

  static StreamDrain start(InputStream in, int cap, String threadName) {
    StreamDrain drain = new StreamDrain(in, cap, threadName);
    drain.thread.start();
    return drain;
  }

  private void drain() {
    byte[] chunk = new byte[CHUNK];
    try {
      int n;
      while ((n = in.read(chunk)) != -1) {
        buffer.append(chunk, 0, n);
      }
    } catch (IOException closed) {
      // The runner closed the stream after giving up on it: what was read so far is the output.
    }
  }

  /** Waits until the stream has ended or {@code deadlineNanos} (a {@link System#nanoTime()}). */
  boolean awaitEnd(long deadlineNanos) throws InterruptedException {
    long left = deadlineNanos - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.timedJoin(thread, left);
    }
    return !thread.isAlive();
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
