package slapmon.runtime.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  private final List<Thread> made = new CopyOnWriteArrayList<>();
  private final ThreadFactory counting =
      body -> {
        Thread thread = new Thread(body, "worker-pool-test-" + made.size());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> {});
        made.add(thread);
        return thread;
      };
  private ExecutorService pool;

  @AfterEach
  void shutDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
  }

  @Test
  void makesNoThreadWhileOneIsIdle() throws Exception {
    pool = WorkerPool.create(8, 60, counting);
    AtomicInteger ran = new AtomicInteger();
    for (int task = 0; task < 10; task++) {
      awaitAllWaitingForWork();
      pool.submit(ran::incrementAndGet).get(30, TimeUnit.SECONDS);
    }
    assertEquals(10, ran.get());
    assertEquals(1, made.size(), "one run at a time needs one thread");
  }

  @Test
  void queuesWhatComesWhileAllAreBusy() throws Exception {
    pool = WorkerPool.create(2, 60, counting);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ran = new AtomicInteger();
    List<Future<?>> tasks = new CopyOnWriteArrayList<>();
    for (int task = 0; task < 5; task++) {
      tasks.add(pool.submit(() -> {
        release.await();
        return ran.incrementAndGet();
      }));
    }
    assertEquals(2, made.size(), "no more threads than the pool's size");
    release.countDown();
    for (Future<?> task : tasks) {
      task.get(30, TimeUnit.SECONDS);
    }
    assertEquals(5, ran.get(), "the queued tasks ran too");
  }

  @Test
  void afterABurstTheSameThreadTakesEveryRunSoTheOthersCanEnd() throws Exception {
    pool = WorkerPool.create(4, 60, counting);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<?>> burst = new CopyOnWriteArrayList<>();
    for (int task = 0; task < 4; task++) {
      burst.add(pool.submit(() -> {
        release.await();
        return null;
      }));
    }
    release.countDown();
    for (Future<?> task : burst) {
      task.get(30, TimeUnit.SECONDS);
    }
    Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
    for (int task = 0; task < 10; task++) {
      awaitAllWaitingForWork();
      pool.submit(() -> ranOn.add(Thread.currentThread())).get(30, TimeUnit.SECONDS);
    }
    assertEquals(4, made.size());
    assertEquals(1, ranOn.size(), "the thread idle the shortest takes the work");
  }

  @Test
  void aTaskThatThrowsDoesNotStopTheLine() throws Exception {
    pool = WorkerPool.create(1, 60, counting);
    CountDownLatch release = new CountDownLatch(1);
    pool.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("a task's own failure");
    });
    Future<Integer> after = pool.submit(() -> 7);
    release.countDown();
    assertEquals(7, after.get(30, TimeUnit.SECONDS));
  }

  @Test
  void takesWorkAgainAfterItsThreadsEndedIdle() throws Exception {
    pool = WorkerPool.create(2, 0, counting);
    for (int task = 0; task < 3; task++) {
      int number = task;
      assertEquals(number, pool.submit(() -> number).get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void refusesWorkOnceShutDown() {
    pool = WorkerPool.create(1, 60, counting);
    pool.shutdown();
    assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> {}));
  }

  @Test
  void refusesAnEmptyPool() {
    pool = WorkerPool.create(1, 60, counting);
    assertThrows(IllegalArgumentException.class, () -> WorkerPool.create(0, 60, counting));
  }

  /** Every thread made is parked, waiting for a task (a bounded look). */
  private void awaitAllWaitingForWork() throws InterruptedException {
    for (int look = 0; look < 30_000; look++) {
      if (made.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING
          || t.getState() == Thread.State.WAITING)) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
    throw new AssertionError("the pool's threads never went back to waiting for work");
  }
}
