package slapmon.runtime.process;

import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs one promise or report executable to a {@link ProcessOutcome}, returning within its timeout
 * plus about 3 s (a few more on a loaded machine, where each look for its processes may wait 1.3 s
 * for one caught in an exec) and leaving nothing it started running.
 *
 * <p>The executable runs directly (no shell, no arguments), with stdin on {@code /dev/null}, the
 * given working directory and the inherited environment plus {@code SLAPMON_RUN=<runner>.<run>}
 * (a random id of this runner, the run's number), which marks every process the run starts; a {@link Priority#LOWERED} run goes through {@code nice}.
 * stdout and stderr are drained concurrently and capped. When the process exits, every marked
 * process still running (a background child, a double-forked daemon) is killed; on timeout the
 * process, its descendants and every marked process are. Killing is SIGTERM, then SIGKILL after
 * {@link ProcessTree#GRACE}; what that misses, {@link #sweepLeftovers} finds later. The streams
 * then get {@link #DRAIN} to reach their end, so output written by leftovers after the process
 * exited may be lost. A failure to start is an outcome, never an exception. Thread-safe.
 */
public final class ProcessRunner {
  /** How long the output streams may stay open after the process exited or was killed. */
  static final Duration DRAIN = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(ProcessRunner.class.getName());

  /** coreutils' nice; without it, lowered runs run at normal priority. */
  private static final Optional<Path> NICE =
      Stream.of("/usr/bin/nice", "/bin/nice").map(Path::of).filter(Files::isExecutable).findFirst();

  static {
    SpawnMechanism.choose(); // when no entry point did (tests, embedding)
  }

  private final Clock clock;

  /** This runner's part of every run's tag: the sweeper follows this runner's runs only. */
  private final String runnerId = UUID.randomUUID().toString();

  private final AtomicLong runs = new AtomicLong();
  private final LeftoverSweeper sweeper;

  /** The runs' own processes: a run's look for its leftovers need not read those beside it. */
  private final OwnProcesses ownProcesses = new OwnProcesses();

  public ProcessRunner(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sweeper = new LeftoverSweeper(ProcessTree.TAG_VARIABLE + "=" + runnerId + ".");
  }

  /**
   * Signals the processes of this runner's ended runs that their own kill missed (SIGTERM, and
   * SIGKILL at the next call); call it about once a second while runs happen. Returns how many.
   */
  public int sweepLeftovers() {
    return sweeper.sweep();
  }

  /**
   * Runs {@code spec} once and returns what happened.
   *
   * @throws InterruptedException if this thread is interrupted; the process tree is killed first
   */
  public ProcessOutcome run(ProcessSpec spec) throws InterruptedException {
    Instant started = clock.instant();
    long startNanos = System.nanoTime();
    String run = Long.toString(runs.incrementAndGet());
    sweeper.started(run);
    try {
      return run(spec, runnerId + "." + run, started, startNanos);
    } finally {
      sweeper.ended(run);
    }
  }

  private ProcessOutcome run(ProcessSpec spec, String tag, Instant started, long startNanos)
      throws InterruptedException {
    Process process;
    try {
      process = builder(spec, tag).start();
    } catch (IOException e) {
      return ProcessOutcome.launchFailed(started, since(startNanos), launchError(spec, e));
    }
    long own = ownProcesses.started(process.pid());
    int cap = spec.outputCapBytes();
    StreamDrain out = StreamDrain.start(process.getInputStream(), cap);
    StreamDrain err = StreamDrain.start(process.getErrorStream(), cap);
    ProcessTree tree = new ProcessTree(process, tag, ownProcesses::contains);
    try {
      boolean exited = process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
      if (exited) {
        tree.killLeftovers();
      } else {
        tree.kill();
      }
      drain(spec, out, err);
      int exitCode = exited ? process.exitValue() : ProcessOutcome.NO_EXIT_CODE;
      return new ProcessOutcome(
          exitCode, !exited, out.text(), err.text(), started, since(startNanos), Optional.empty());
    } catch (InterruptedException | RuntimeException | Error e) {
      // Whatever ended the wait (a stop, an out-of-memory error), the run's processes go with it.
      tree.kill();
      out.close();
      err.close();
      throw e;
    } finally {
      ownProcesses.ended(own);
    }
  }

  private static ProcessBuilder builder(ProcessSpec spec, String tag) {
    List<String> command = new ArrayList<>();
    if (spec.priority() == Priority.LOWERED) {
      // nice execs the executable in its own process: the pid, and so the kill, stay the same.
      NICE.ifPresent(nice -> command.addAll(List.of(nice.toString(), "-n", "19")));
    }
    command.add(spec.executable().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workingDirectory().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
    return builder;
  }

  /** Lets both streams reach their end, or gives up on them after {@link #DRAIN}. */
  private static void drain(ProcessSpec spec, StreamDrain out, StreamDrain err)
      throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    boolean outEnded = out.awaitEnd(deadline);
    if (err.awaitEnd(deadline) && outEnded) {
      return;
    }
    out.close();
    err.close();
    LOG.log(
        Level.WARNING,
        "process={0} event=output-abandoned reason=an unmarked process still holds its pipe",
        spec.executable());
  }

  /** The file and the reason, e.g. {@code /p/x: cannot start: error=13, Permission denied}. */
  static String launchError(ProcessSpec spec, IOException e) {
    String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    String message = spec.executable() + ": cannot start: " + reason;
    if (!Files.isDirectory(spec.workingDirectory())) {
      message += " (working directory " + spec.workingDirectory() + " does not exist)";
    } else if (reason != null
        && reason.startsWith("error=2,")
        && Files.isRegularFile(spec.executable())) {
      message += " (the file exists: is the interpreter named on its #! line missing?)";
    }
    return message;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
