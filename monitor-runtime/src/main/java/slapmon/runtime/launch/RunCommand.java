package slapmon.runtime.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slapmon.runtime.task.TaskGuard;

/** {@code slapmon run}: the monitor of one partition, until it is stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the partition's monitor: promises every minute, reports on their periods.",
      "Stops cleanly on SIGTERM or SIGINT."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT",
      "1:could not start (port in use, certificate unreadable: the line says which)",
      "2:the configuration or the command line is wrong",
      "3:a fatal JVM error (out of memory): it ends for its supervisor to restart it"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--period",
      paramLabel = "SECONDS",
      defaultValue = "" + RunArguments.DEFAULT_PERIOD_SECONDS,
      description = "How often every promise runs (default: ${DEFAULT-VALUE}).")
  int periodSeconds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    return run(config, periodSeconds, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** The command itself, with picocli ({@link #call()}) or without ({@link RunArguments}). */
  static int run(ConfigOption config, int periodSeconds, PrintWriter out, PrintWriter err)
      throws IOException, InterruptedException {
    Optional<RuntimeConfig> loaded = config.load(err);
    if (loaded.isEmpty()) {
      return ExitCode.USAGE;
    }
    RuntimeConfig runtime = loaded.get();
    if (periodSeconds < 1 || periodSeconds > 86400) {
      err.println("slapmon: --period must be from 1 to 86400 seconds, got " + periodSeconds);
      return ExitCode.USAGE;
    }
    TaskGuard.HALTING.handleEveryUncaughtFailure();
    RunningMonitor monitor =
        RunningMonitor.start(runtime, Duration.ofSeconds(periodSeconds), Clock.systemUTC());
    monitor.bootstrap().problems().forEach(p -> err.println("slapmon: bootstrap: " + p));
    out.println("slapmon: monitoring " + runtime.engine().title() + " from " + runtime.file());
    out.flush();
    UntilSignal.await(monitor::close, err);
    return ExitCode.OK;
  }
}
