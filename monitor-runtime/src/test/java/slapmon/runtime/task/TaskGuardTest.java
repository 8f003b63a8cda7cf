package slapmon.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every task survives what it throws; a fatal error of the JVM ends the process. */
@Timeout(60)
final class TaskGuardTest {
  private final List<Throwable> ended = new CopyOnWriteArrayList<>();
  private final TaskGuard guard = new TaskGuard(ended::add);
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(guard.daemonThreads("guarded"));

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void a_task_that_throws_errors_runs_again_every_period() {
    List<Throwable> thrown =
        List.of(
            new StackOverflowError("a recursion too deep"),
            new AssertionError("an assert"),
            new NoClassDefFoundError("a class gone"),
            new UncheckedIOException(new java.io.IOException("a write")));
    AtomicInteger runs = new AtomicInteger();
    guard.every(
        executor,
        PeriodicTask.of(
            "throws",
            Duration.ZERO,
            Duration.ofMillis(5),
            () -> {
              int run = runs.getAndIncrement();
              if (run < thrown.size()) {
                sneakyThrow(thrown.get(run));
              }
            }));
    awaitRuns(runs, thrown.size() + 2);
    assertThat(ended).isEmpty();
  }

  @Test
  void a_fatal_error_in_a_task_ends_the_process() {
    OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");
    guard.every(
        executor,
        PeriodicTask.of(
            "fatal",
            Duration.ZERO,
            Duration.ofMillis(5),
            () -> {
              throw outOfMemory;
            }));
    awaitEnded();
    assertThat(ended).first().isSameAs(outOfMemory);
  }

  @Test
  void a_fatal_error_that_ends_a_thread_ends_the_process() throws InterruptedException {
    InternalError internal = new InternalError("a broken JVM");
    Thread thread = guard.daemonThreads("worker").newThread(() -> {
      throw internal;
    });
    thread.start();
    thread.join(TimeUnit.SECONDS.toMillis(30));
    awaitEnded();
    assertThat(ended).containsExactly(internal);
  }

  @Test
  void fatal_are_the_jvms_own_errors_also_when_wrapped_but_not_a_stack_overflow() {
    OutOfMemoryError outOfMemory = new OutOfMemoryError();
    assertThat(TaskGuard.fatal(outOfMemory)).isTrue();
    assertThat(TaskGuard.fatal(new InternalError())).isTrue();
    assertThat(TaskGuard.fatal(new CompletionException(outOfMemory))).isTrue();
    assertThat(TaskGuard.fatal(new ExecutionException(new RuntimeException(outOfMemory)))).isTrue();
    assertThat(TaskGuard.fatal(new StackOverflowError())).isFalse();
    assertThat(TaskGuard.fatal(new AssertionError())).isFalse();
    assertThat(TaskGuard.fatal(new IllegalStateException())).isFalse();
    RuntimeException loop = new RuntimeException();
    RuntimeException other = new RuntimeException(loop);
    loop.initCause(other);
    assertThat(TaskGuard.fatal(loop)).isFalse();
  }

  private void awaitRuns(AtomicInteger runs, int atLeast) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (runs.get() < atLeast && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(runs.get()).as("runs").isGreaterThanOrEqualTo(atLeast);
  }

  private void awaitEnded() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ended.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
