package slapmon.runtime.launch;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slapmon} command and its subcommands. */
@Command(
    name = "slapmon",
    mixinStandardHelpOptions = true,
    versionProvider = SlapmonCommand.Version.class,
    description = "The SlapOS monitor stack on one JVM.",
    usageHelpAutoWidth = false)
public final class SlapmonCommand implements Runnable {
  /** The subcommands, in the order of the usage help. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          DemoCommand.class,
          CheckConfigCommand.class,
          RenderCommand.class,
          RunCommand.class,
          PromiseCommand.class,
          ClassDataCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Parses {@code args}, runs the chosen command and returns its exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine line = withSubcommands(subcommandsFor(args));
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

  /** The command line of {@code slapmon} with every subcommand (its usage help lists them). */
  static CommandLine everyCommand() {
    return withSubcommands(SUBCOMMANDS);
  }

  private static CommandLine withSubcommands(List<Class<?>> subcommands) {
    CommandLine line = new CommandLine(new SlapmonCommand());
    subcommands.forEach(line::addSubcommand);
    return line;
  }

  /**
   * Only the subcommand named first when there is one: picocli builds the model of every command
   * it is given, by reflection (about 0.05 CPU-s of a monitor's start; picocli's own classes, which
   * class-data sharing cannot archive, cost more). Every one for anything else (help, version, a
   * wrong name), so that the usage lists them all.
   */
  static List<Class<?>> subcommandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(subcommand);
        }
      }
    }
    return SUBCOMMANDS;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"slapmon " + BuildVersion.get()};
    }
  }
}
