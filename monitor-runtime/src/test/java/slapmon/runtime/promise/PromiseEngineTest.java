package slapmon.runtime.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;
import slapmon.runtime.state.RunnerHealth;

/** The scheduler and the files around a run: discovery, problems, removal, history rollover. */
@Timeout(90)
final class PromiseEngineTest {
  @TempDir Path dir;
  private Partition partition;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T23:58:30Z"));

  @BeforeEach
  void layOut() throws IOException {
    partition = new Partition(dir);
  }

  private PromiseEngine engine(int workers) throws IOException {
    return PromiseEngine.create(partition.settings(workers), clock, clock);
  }

  private void tickAt(PromiseEngine engine, Instant at) throws Exception {
    clock.set(at);
    engine.tick();
    assertThat(engine.awaitIdle(Duration.ofSeconds(60))).isTrue();
  }

  @Test
  void starts_are_spread_over_the_period() {
    Set<Long> offsets = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      offsets.add(Schedule.offsetMillis("promise-" + i, Duration.ofMinutes(1)) / 1000);
    }
    // 100 names over 60 one-second buckets: most buckets are used, not one or two.
    assertThat(offsets.size()).isGreaterThan(40);
    Instant now = Instant.parse("2026-11-24T10:00:00.500Z");
    Instant slot = Schedule.slotAtOrAfter("x", Duration.ofMinutes(1), now);
    assertThat(slot).isAfterOrEqualTo(now).isBefore(now.plus(Duration.ofMinutes(1)));
    // Later slots follow on the monotonic time line; the ones missed while held up are skipped.
    long minute = Duration.ofMinutes(1).toNanos();
    assertThat(Schedule.slotAfter(-5, Duration.ofMinutes(1), -5)).isEqualTo(minute - 5);
    assertThat(Schedule.slotAfter(7, Duration.ofMinutes(1), 7 + 3 * minute + 1))
        .isEqualTo(7 + 4 * minute);
  }

  @Test
  void nothing_runs_before_its_slot_and_everything_runs_within_one_period() throws Exception {
    for (int i = 0; i < 5; i++) {
      Partition.ok(partition.promises, "p" + i);
    }
    try (PromiseEngine engine = engine(2)) {
      Instant start = clock.instant();
      tickAt(engine, start);
      long ranAtStart;
      try (var files = Files.list(partition.publicFolder)) {
        ranAtStart = files.filter(f -> f.toString().endsWith(".status.json")).count();
      }
      assertThat(ranAtStart).isLessThanOrEqualTo(1);
      tickAt(engine, start.plus(Duration.ofSeconds(60)));
      for (int i = 0; i < 5; i++) {
        assertThat(partition.status("p" + i).get("status").asText()).isEqualTo("OK");
      }
    }
  }

  @Test
  void a_wall_clock_stepped_a_day_forward_and_back_keeps_promises_running_every_period()
      throws Exception {
    Path runs = dir.resolve("runs");
    Partition.script(partition.promises, "counted", "echo ran >> " + runs);
    Duration period = Duration.ofMinutes(1);
    try (PromiseEngine engine = engine(1)) {
      tickAt(engine, clock.instant());
      passAndTick(engine, period);
      assertThat(Files.readAllLines(runs)).hasSize(1);
      clock.step(Duration.ofDays(1));
      passAndTick(engine, Duration.ofSeconds(1));
      assertNextRunWithinAPeriod(engine, period);
      clock.step(Duration.ofDays(-1));
      passAndTick(engine, Duration.ofSeconds(1));
      assertNextRunWithinAPeriod(engine, period);
      for (int minute = 1; minute <= 3; minute++) {
        passAndTick(engine, period);
      }
      assertThat(Files.readAllLines(runs)).hasSize(4);
      assertThat(health(engine, period).stale(clock.instant())).isFalse();
    }
  }

  @Test
  void the_runner_looks_stale_once_ticks_stop_even_if_the_wall_clock_steps_back()
      throws Exception {
    Partition.ok(partition.promises, "p");
    Duration period = Duration.ofMinutes(1);
    try (PromiseEngine engine = engine(1)) {
      tickAt(engine, clock.instant());
      passAndTick(engine, period);
      assertThat(engine.lastRun()).isPresent();
      assertThat(health(engine, period).stale(clock.instant())).isFalse();
      // No tick any more (the scheduler is dead) while three periods pass and the wall clock is
      // stepped back a day.
      clock.advance(period.multipliedBy(3));
      clock.step(Duration.ofDays(-1));
      assertThat(health(engine, period).stale(clock.instant())).isTrue();
      assertThat(engine.lastRun().get()).isBefore(clock.instant().minus(period.multipliedBy(2)));
    }
  }

  @Test
  void the_runners_health_is_told_while_a_tick_is_stuck() throws Exception {
    Partition.ok(partition.promises, "p");
    try (PromiseEngine engine = engine(1)) {
      tickAt(engine, clock.instant());
      // A tick holds the engine's lock while it scans and writes: one stuck on a hung file
      // system must not stop the state task from telling that the runner is stale.
      synchronized (engine) {
        CompletableFuture<Optional<Instant>> next = CompletableFuture.supplyAsync(engine::nextRun);
        CompletableFuture<Optional<Instant>> last = CompletableFuture.supplyAsync(engine::lastRun);
        assertThat(next.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(last.get(30, TimeUnit.SECONDS)).isEmpty();
      }
    }
  }

  private void passAndTick(PromiseEngine engine, Duration by) throws Exception {
    clock.advance(by);
    engine.tick();
    assertThat(engine.awaitIdle(Duration.ofSeconds(60))).isTrue();
  }

  private void assertNextRunWithinAPeriod(PromiseEngine engine, Duration period) {
    Instant now = clock.instant();
    assertThat(engine.nextRun()).hasValueSatisfying(
        next -> assertThat(next).isAfter(now).isBeforeOrEqualTo(now.plus(period)));
  }

  private RunnerHealth health(PromiseEngine engine, Duration period) {
    return new RunnerHealth(engine.lastRun(), engine.nextRun().orElseThrow(), period);
  }

  @Test
  void a_forced_run_never_runs_a_promise_twice_at_once() throws Exception {
    Path started = dir.resolve("started");
    Path release = dir.resolve("release");
    Partition.script(partition.promises, "held", "touch '" + started + "'\ni=0\n"
        + "while [ ! -e '" + release + "' ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done");
    Partition.ok(partition.promises, "quick");
    try (PromiseEngine engine = engine(4)) {
      Instant start = clock.instant();
      clock.set(start);
      engine.tick();
      clock.set(start.plus(Duration.ofSeconds(60)));
      engine.tick();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Path quickPublished = partition.publicFolder.resolve("quick.status.json");
      while (!(Files.exists(started) && Files.exists(quickPublished))
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(started).as("the scheduler's run of held").exists();
      // The scheduler's run of quick has ended: the forced run of all below must run it.
      assertThat(quickPublished).exists();
      assertThatThrownBy(() -> engine.runNow(Optional.of("held")))
          .isInstanceOf(PromiseEngine.AlreadyRunning.class);
      assertThat(engine.runNow(Optional.of("no-such-promise")).isEmpty()).isTrue();
      RunSummary all = engine.runNow(Optional.empty());
      assertThat(all.verdicts()).extracting(RunSummary.Verdict::title).containsExactly("quick");
      Files.writeString(release, "");
      assertThat(engine.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(engine.runNow(Optional.of("held")).verdicts())
          .extracting(RunSummary.Verdict::status).containsExactly("OK");
    }
  }

  @Test
  void a_hung_promise_delays_nobody_else() throws Exception {
    partition.timeout(Duration.ofSeconds(5));
    Partition.script(partition.promises, "hung", "sleep 30");
    for (int i = 0; i < 20; i++) {
      Partition.ok(partition.promises, "quick-" + i);
    }
    try (PromiseEngine engine = engine(4)) {
      Instant start = clock.instant();
      clock.set(start);
      engine.tick();
      Instant later = start.plus(Duration.ofSeconds(60));
      clock.set(later);
      engine.tick();
      // The quick ones finish while the hung one still runs (it has 5 s before it is killed).
      for (int i = 0; i < 20; i++) {
        Path status = partition.publicFolder.resolve("quick-" + i + ".status.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Files.exists(status) && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(status).exists();
      }
      assertThat(partition.publicFolder.resolve("hung.status.json")).doesNotExist();
      // The next tick does not start the hung one again while it runs.
      Instant next = later.plus(Duration.ofSeconds(60));
      clock.set(next);
      engine.tick();
      assertThat(engine.awaitIdle(Duration.ofSeconds(60))).isTrue();
      JsonNode hung = partition.status("hung");
      assertThat(hung.get("status").asText()).isEqualTo("ERROR");
      assertThat(hung.get("nagios-status").asText()).isEqualTo("TIMEOUT");
      assertThat(hung.get("message").asText()).endsWith("\nPROMISE TIME OUT AFTER 5 SECONDS");
    }
  }

  @Test
  void a_promise_that_timed_out_runs_at_the_lowest_priority_until_it_ends_in_time() throws Exception {
    // Long enough for the lowered run to end in time on a saturated machine, where a process at
    // nice 19 gets a small share of a core (with 2 s, a fresh-clone CI's lowered run timed out).
    partition.timeout(Duration.ofSeconds(5));
    Path runs = dir.resolve("runs");
    Path nices = dir.resolve("nices");
    // Hangs on its first run only; every run records its nice value (field 19 of /proc/PID/stat).
    Partition.script(partition.promises, "hangs-once",
        "n=$(cat " + runs + " 2>/dev/null || echo 0)\necho $((n + 1)) > " + runs + "\n"
            + "awk '{print $19}' /proc/$$/stat >> " + nices + "\n"
            + "if [ \"$n\" = 0 ]; then sleep 30; fi");
    String own = Files.readString(Path.of("/proc/self/stat")).split(" ")[18];
    try (PromiseEngine engine = engine(1)) {
      for (int run = 0; run < 3; run++) {
        engine.runPromisesOnce(Optional.of("hangs-once"));
      }
    }
    assertThat(Files.readAllLines(nices)).containsExactly(own, "19", own);
    assertThat(partition.status("hangs-once").get("status").asText()).isEqualTo("OK");
  }

  @Test
  void promises_that_timed_out_run_on_their_own_workers_and_leave_the_others_theirs() throws Exception {
    partition.timeout(Duration.ofSeconds(1));
    for (int i = 0; i < 4; i++) {
      Partition.script(partition.promises, "hung-" + i, "sleep 30");
      Partition.ok(partition.promises, "quick-" + i);
    }
    try (PromiseEngine engine = engine(4)) {
      engine.runPromisesOnce(Optional.empty()); // every hung one times out once: lowered
      tickAt(engine, clock.instant()); // gives each its slot in the period
      Instant due = clock.instant().plus(Duration.ofMinutes(1));
      clock.set(due);
      engine.tick();
      // 4 workers: a quarter of them, 1, runs the lowered ones, one after the other.
      int mostHungAtOnce = 0;
      while (!engine.awaitIdle(Duration.ofMillis(20))) {
        // Runs, not processes: a shell's fork shows the shell's command line until it has
        // exec'd its sleep, which at nice 19 on a loaded machine can take a while.
        Set<Long> hungPids =
            ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("/hung-"))
                .filter(PromiseEngineTest::notZombie)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
        long hung =
            hungPids.stream()
                .filter(pid -> !hungPids.contains(
                    ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                        .orElse(-1L)))
                .count();
        mostHungAtOnce = (int) Math.max(mostHungAtOnce, hung);
      }
      assertThat(mostHungAtOnce).isEqualTo(1);
      for (int i = 0; i < 4; i++) {
        assertThat(partition.status("quick-" + i).get("status").asText()).isEqualTo("OK");
        assertThat(partition.status("hung-" + i).get("nagios-status").asText()).isEqualTo("TIMEOUT");
      }
    }
  }

  /**
   * A process killed by its run stays listed until the JVM's reaper thread has waited for it,
   * which a loaded machine can delay past the start of the next run: it runs no longer.
   */
  private static boolean notZombie(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", process.pid() + "", "stat"));
      int afterName = stat.lastIndexOf(')');
      return afterName + 2 < stat.length() && stat.charAt(afterName + 2) != 'Z';
    } catch (IOException gone) {
      return false;
    }
  }

  @Test
  void problems_are_published_as_errors_not_skipped() throws Exception {
    Path notExecutable = partition.promises.resolve("not-executable");
    Files.writeString(notExecutable, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
    Partition.ok(partition.promises, "twice");
    Partition.ok(partition.monitorPromises, "twice");
    Partition.ok(partition.reports, "weekly_every_5_minutes");
    try (PromiseEngine engine = engine(2)) {
      engine.runPromisesOnce(Optional.empty());
      tickAt(engine, clock.instant());
      tickAt(engine, clock.instant().plus(Duration.ofMinutes(1)));
    }
    assertThat(partition.status("not-executable").get("message").asText())
        .isEqualTo(notExecutable + " is not executable (mode rw-r--r--); make it executable (chmod +x) to run it");
    assertThat(partition.status("twice").get("message").asText())
        .isEqualTo("promise 'twice' is defined twice, by " + partition.promises.resolve("twice")
            + " and " + partition.monitorPromises.resolve("twice")
            + "; neither runs until one is renamed or removed");
    assertThat(partition.report("weekly").get("message").asText())
        .isEqualTo("report 'weekly_every_5_minutes': malformed period suffix; expected the name to"
            + " end with _every_N_minute or _every_N_hour (N a whole number, singular unit)");
    assertThat(partition.report("weekly").get("status").asText()).isEqualTo("ERROR");
  }

  @Test
  void an_invalid_timeout_file_keeps_the_last_good_timeout_and_says_why() throws Exception {
    partition.timeout(Duration.ofSeconds(1));
    Partition.script(partition.promises, "hung", "sleep 30");
    try (PromiseEngine engine = engine(1)) {
      engine.runPromisesOnce(Optional.of("hung"));
      assertThat(engine.timeoutProblem()).isEmpty();
      Files.writeString(partition.timeoutFile, "twenty\n");
      engine.runPromisesOnce(Optional.of("hung"));
      assertThat(engine.timeoutProblem())
          .contains("promise timeout file " + partition.timeoutFile
              + ": expected whole seconds from 1 to 3600 such as 20 or 20s, got 'twenty';"
              + " keeping 1 s");
    }
    assertThat(partition.status("hung").get("message").asText())
        .endsWith("\nPROMISE TIME OUT AFTER 1 SECONDS");
  }

  @Test
  void a_removed_promise_loses_its_status_and_its_history_is_archived() throws Exception {
    Path gone = Partition.ok(partition.promises, "gone");
    Partition.ok(partition.promises, "stays");
    try (PromiseEngine engine = engine(2)) {
      engine.runPromisesOnce(Optional.empty());
      Files.delete(gone);
      tickAt(engine, clock.instant().plus(Duration.ofSeconds(1)));
    }
    assertThat(partition.publicFolder.resolve("gone.status.json")).doesNotExist();
    assertThat(partition.publicFolder.resolve("gone.history.json")).doesNotExist();
    assertThat(partition.privateFolder.resolve("documents/gone.history.2026-11-24.json")).exists();
    assertThat(partition.status("stays").get("status").asText()).isEqualTo("OK");
  }

  @Test
  void history_rolls_over_at_utc_midnight_with_daily_stats() throws Exception {
    Path promise = Partition.ok(partition.promises, "p");
    try (PromiseEngine engine = engine(1)) {
      engine.runPromisesOnce(Optional.empty());
      clock.advance(Duration.ofSeconds(20));
      Partition.failing(partition.promises, "p");
      engine.runPromisesOnce(Optional.empty());
      clock.set(Instant.parse("2026-11-25T00:00:05Z"));
      Partition.ok(partition.promises, promise.getFileName().toString());
      engine.runPromisesOnce(Optional.empty());
    }
    JsonNode today = partition.history("p");
    assertThat(today.get("data")).hasSize(1);
    assertThat(today.get("data").get(0).get("start-date").asText()).isEqualTo("2026-11-25 00:00:05");
    JsonNode yesterday = Json.read(partition.privateFolder.resolve("documents/p.history.2026-11-24.json"));
    assertThat(yesterday.get("data")).hasSize(2);
    JsonNode stats = Json.read(partition.publicFolder.resolve("p.stats.json"));
    assertThat(stats.get("data")).hasSize(1);
    JsonNode day = stats.get("data").get(0);
    assertThat(day.get("status").asText()).isEqualTo("ERROR");
    assertThat(day.get("start-date").asText()).isEqualTo("2026-11-24 23:58:50");
    assertThat(day.get("message").get("OK").asInt()).isEqualTo(1);
    assertThat(day.get("message").get("ERROR").asInt()).isEqualTo(1);
  }

  @Test
  void a_corrupt_history_is_set_aside_and_restarted() throws Exception {
    Partition.ok(partition.promises, "p");
    Files.writeString(partition.publicFolder.resolve("p.history.json"), "{\"date\": 1, \"data\": [{\"st");
    try (PromiseEngine engine = engine(1)) {
      engine.runPromisesOnce(Optional.empty());
    }
    assertThat(partition.history("p").get("data")).hasSize(1);
    try (var files = Files.list(partition.publicFolder)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.startsWith("p.history.json.corrupt-"));
    }
  }

  @Test
  void a_promise_printing_60_kb_keeps_it_whole_in_its_status_and_4_kib_of_it_in_its_history()
      throws Exception {
    Partition.script(
        partition.promises, "loud", "head -c 60000 /dev/zero | tr '\\0' 'x'\necho\nexit 0");
    clock.step(Duration.between(clock.instant(), Instant.parse("2026-11-24T12:00:00Z")));
    try (PromiseEngine engine = engine(2)) {
      for (int minute = 0; minute < 3; minute++) {
        engine.runPromisesOnce(Optional.empty());
        clock.advance(Duration.ofMinutes(1));
      }
    }
    assertThat(partition.status("loud").get("message").asText()).hasSize(60000 + 1);
    JsonNode data = partition.history("loud").get("data");
    assertThat(data).hasSize(3);
    for (JsonNode entry : data) {
      assertThat(entry.get("message").asText())
          .startsWith("xxxx")
          .contains(" bytes omitted ...]")
          .hasSizeLessThan(HistoryStore.MESSAGE_CAP + 100);
    }
  }

  @Test
  void many_runs_skipped_in_one_tick_are_logged_on_one_line() throws Exception {
    Path release = dir.resolve("release");
    int held = PromiseEngine.SKIPS_LOGGED_ONE_BY_ONE + 2;
    for (int i = 0; i < held; i++) {
      Partition.script(partition.promises, "held-" + i, "i=0\n"
          + "while [ ! -e '" + release + "' ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done");
    }
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = captureSkips(lines);
    try (PromiseEngine engine = engine(4)) {
      Instant start = clock.instant();
      clock.set(start);
      engine.tick();
      clock.set(start.plus(Duration.ofSeconds(60)));
      engine.tick(); // by now every one has been started (each has its own slot in the period)
      lines.clear();
      clock.set(start.plus(Duration.ofSeconds(120)));
      engine.tick(); // every one is still running or waiting for a worker

      assertThat(lines).hasSize(1);
      assertThat(lines.get(0))
          .startsWith("event=skipped reason=still-running count=" + held + " titles=held-")
          .endsWith(",...");
      Files.writeString(release, "");
      assertThat(engine.awaitIdle(Duration.ofSeconds(60))).isTrue();
    } finally {
      SKIP_LOG.removeHandler(capture);
    }
  }

  private static final java.util.logging.Logger SKIP_LOG =
      java.util.logging.Logger.getLogger("slapmon.promise");

  /** Adds the skip lines the engine logs from now on to {@code lines}, until removed. */
  private static java.util.logging.Handler captureSkips(List<String> lines) {
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            if (record.getMessage().startsWith("event=skipped")) {
              lines.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    SKIP_LOG.addHandler(capture);
    return capture;
  }

  /**
   * A listener held on the first run it is told of: the last step of that run's publication does
   * not end, as when the result folder is slow (its lock queued behind other writers).
   */
  private static final class HeldPublication implements RunListener {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void ran(PromiseRun run) {
      told.add(run.title() + " " + run.start());
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void a_promise_whose_last_result_is_still_being_published_runs_at_its_next_slot()
      throws Exception {
    Path runs = dir.resolve("runs");
    Partition.script(partition.promises, "counted", "echo ran >> " + runs);
    Duration period = Duration.ofMinutes(1);
    HeldPublication held = new HeldPublication();
    clock.step(Duration.between(clock.instant(), Instant.parse("2026-11-24T12:00:00Z")));
    List<String> skips = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = captureSkips(skips);
    try (PromiseEngine engine = engine(2)) {
      engine.listen(held);
      Instant start = clock.instant();
      clock.set(start);
      engine.tick();
      clock.set(start.plus(period));
      engine.tick(); // its first slot came within the period: the first run
      assertThat(held.entered.await(60, TimeUnit.SECONDS)).isTrue();
      clock.set(start.plus(period.multipliedBy(2)));
      engine.tick(); // its next slot, the first run's publication still held

      assertThat(skips).isEmpty();
      for (int i = 0; i < 600 && engine.counters().snapshot().get(0).runs() < 2; i++) {
        Thread.sleep(100);
      }
      assertThat(Files.readAllLines(runs)).hasSize(2);
      held.release.countDown();
      assertThat(engine.awaitIdle(Duration.ofSeconds(60))).isTrue();
      // Published in the order the runs ended, each told once.
      assertThat(held.told).hasSize(2);
      JsonNode data = partition.history("counted").get("data");
      assertThat(data).hasSize(2);
      assertThat(data.get(0).get("start-date").asText())
          .isLessThan(data.get(1).get("start-date").asText());
    } finally {
      held.release.countDown();
      SKIP_LOG.removeHandler(capture);
    }
  }

  @Test
  void results_handed_over_before_the_engine_closes_are_published() throws Exception {
    Path runs = dir.resolve("runs");
    Partition.script(partition.promises, "counted", "echo ran >> " + runs);
    Duration period = Duration.ofMinutes(1);
    HeldPublication held = new HeldPublication();
    clock.step(Duration.between(clock.instant(), Instant.parse("2026-11-24T12:00:00Z")));
    PromiseEngine engine = engine(2);
    try {
      engine.listen(held);
      Instant start = clock.instant();
      clock.set(start);
      engine.tick();
      clock.set(start.plus(period));
      engine.tick();
      assertThat(held.entered.await(60, TimeUnit.SECONDS)).isTrue();
      clock.set(start.plus(period.multipliedBy(2)));
      engine.tick();
      for (int i = 0; i < 600 && engine.counters().snapshot().get(0).runs() < 2; i++) {
        Thread.sleep(100);
      }
      assertThat(engine.counters().snapshot().get(0).runs()).isEqualTo(2);
    } finally {
      held.release.countDown();
      engine.close();
    }
    assertThat(held.told).hasSize(2);
    assertThat(partition.history("counted").get("data")).hasSize(2);
  }
}
