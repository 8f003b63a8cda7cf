package slapmon.runtime.launch;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slapmon} command and its subcommands. */
@Command(
    name = "slapmon",
    mixinStandardHelpOptions = true,
    versionProvider = SlapmonCommand.Version.class,
    description = "The SlapOS monitor stack on one JVM.",
    subcommands = {
      DemoCommand.class,
      CheckConfigCommand.class,
      RenderCommand.class,
      RunCommand.class,
      PromiseCommand.class
    },
    usageHelpAutoWidth = false)
public final class SlapmonCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Parses {@code args}, runs the chosen command and returns its exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine line = new CommandLine(new SlapmonCommand());
    line.setOut(out);
    line.setErr(err);
    line.setExitCodeExceptionMapper(e -> ExitCode.FAILED);
    line.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println("slapmon: " + e.getMessage());
          e.getCommandLine().usage(err);
          return ExitCode.USAGE;
        });
    line.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // One line that names what failed and why; the stack trace helps no operator.
          err.println("slapmon: " + FailureText.of(e));
          return ExitCode.FAILED;
        });
    return line.execute(args);
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"slapmon " + BuildVersion.get()};
    }
  }
}
