package slapmon.runtime.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import slapmon.runtime.classdata.ClassDataTraining;
import slapmon.runtime.render.OwnLauncher;
import slapmon.templates.Launcher;

/** {@code slapmon class-data}: the class-data sharing archive of this jar and this JVM. */
@Command(
    name = "class-data",
    mixinStandardHelpOptions = true,
    description = {
      "Makes the class-data sharing archive that the rendered wrappers give the JVM (a faster"
          + " start): runs slapmon demo once, exactly as the wrappers start the JVM, and keeps"
          + " the classes it loaded. Run it with the java and the jar the wrappers use, once per"
          + " software build; the archive is next to the jar (slapmon.jar: slapmon.jsa). A missing"
          + " or stale archive only makes the start slower."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:written", "1:not written (the line says why)", "2:a wrong command line"})
final class ClassDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write it here instead (the wrappers look only next to the jar).")
  Optional<Path> output;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Launcher launcher = OwnLauncher.current();
    Path archive = output.map(path -> path.toAbsolutePath().normalize())
        .orElse(launcher.classDataArchive());
    new ClassDataTraining(launcher).writeArchive(archive);
    out.println("slapmon: wrote " + archive);
    return ExitCode.OK;
  }
}
