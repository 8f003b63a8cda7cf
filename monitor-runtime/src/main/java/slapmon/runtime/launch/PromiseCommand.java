package slapmon.runtime.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.promise.RunSummary;

/** {@code slapmon promise run}: every promise once, now, as slapgrid expects from the monitor. */
@Command(
    name = "promise",
    mixinStandardHelpOptions = true,
    description = "Promise commands.",
    subcommands = {PromiseCommand.Run.class})
final class PromiseCommand {
  private PromiseCommand() {}

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Runs every promise once, in parallel, writes their status and history files as the"
            + " scheduler does, prints a summary."
      },
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {
        "0:every promise succeeded",
        "1:a promise failed",
        "2:the configuration or the command line is wrong"
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    @Option(names = "--only", paramLabel = "NAME", description = "Run only this promise.")
    Optional<String> only;

    @Option(
        names = "--force",
        description =
            "When slapmon runs the plugin promises ([promises] plugin-python or run-plugins), run"
                + " each now, whatever its periodicity says.")
    boolean force;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Optional<RuntimeConfig> loaded = config.load(err);
      if (loaded.isEmpty()) {
        return ExitCode.USAGE;
      }
      RuntimeConfig runtime = loaded.get();
      try (PromiseEngine engine = PromiseEngine.create(runtime.engine(), Clock.systemUTC())) {
        RunSummary summary = engine.runPromisesOnce(only, force);
        if (only.isPresent() && summary.isEmpty()) {
          err.println("slapmon: no promise named '" + only.get() + "' in " + runtime.engine().promiseFolders());
          return ExitCode.USAGE;
        }
        List<String> lines = summary.lines();
        lines.forEach(out::println);
        return summary.allOk() ? ExitCode.OK : ExitCode.FAILED;
      }
    }
  }
}
