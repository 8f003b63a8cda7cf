package slapmon.runtime;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import slapmon.runtime.cli.SlapmonCommand;

/** Entry point of {@code slapmon.jar}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs the command line; returns the exit code (see {@link ExitCode}). Never calls exit. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    try {
      return SlapmonCommand.execute(args, out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
