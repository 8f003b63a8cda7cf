package slapmon.runtime.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.runtime.render.InstanceFile;
import slapmon.runtime.render.OwnLauncher;
import slapmon.runtime.render.PlannedRender;
import slapmon.runtime.render.RenderPlan;
import slapmon.templates.Launcher;
import slapmon.templates.ConnectionValues;

/** {@code slapmon render}: the files of a partition's monitor, from its instance profile. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the files of a partition's monitor from an instance profile: etc/monitor.conf,"
          + " etc/instance-info.conf, the password and htpasswd files, a self-signed certificate,"
          + " the service wrapper, the promise wrapper and the stack's promises, and the values to"
          + " publish (etc/monitor-publish.json, mode 0600). With --resolved, a stack promise that"
          + " the profile installs as a plugin in etc/plugin gets no executable in etc/promise.",
      "Every file is written atomically; files the web interface edits, the certificate and the"
          + " key are created once and never overwritten. Rendering twice changes nothing."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:done",
      "1:a file could not be written (the line says which and why)",
      "2:the profile or the command line is wrong (nothing written)"
    })
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--instance",
      required = true,
      paramLabel = "FILE",
      description = "The instance profile (a buildout file, or with --resolved a handed-over file).")
  Path instance;

  @Option(
      names = "--partition",
      paramLabel = "DIR",
      description =
          "The partition folder (default: [buildout] directory when FILE sets it, and then both"
              + " must agree; never FILE's own folder).")
  Optional<Path> partition;

  @Option(
      names = "--resolved",
      description =
          "FILE holds values already resolved (written by the SlapOS template): read it literally,"
              + " without ${...} substitution.")
  boolean resolved;

  @Option(
      names = "--dry-run",
      description = "Print what would be created, updated or kept, and why; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InstanceFile file;
    PlannedRender render;
    try {
      file = InstanceFile.load(instance, resolved, partition);
      render = PlannedRender.of(file, OwnLauncher.current(), new SecureRandom());
    } catch (ConfigException e) {
      return report(err, e.diagnostics());
    }
    file.warnings().forEach(err::println);
    render.rendered().warnings().forEach(warning -> err.println("slapmon: warning: " + warning));
    RenderPlan plan = render.plan();
    if (!plan.conflicts().isEmpty()) {
      plan.conflicts().forEach(conflict -> err.println("slapmon: render: " + conflict));
      err.println("slapmon: render: nothing written");
      return ExitCode.FAILED;
    }
    if (dryRun) {
      plan.steps().forEach(out::println);
      out.println(
          "dry run: " + summary(plan, "to create", "to update", "to keep", "to remove")
              + "; nothing written");
      return ExitCode.OK;
    }
    try {
      plan.apply();
    } catch (IOException e) {
      err.println("slapmon: render: " + FailureText.of(e) + "; nothing more written");
      return ExitCode.FAILED;
    }
    plan.changes().forEach(out::println);
    out.println(
        "rendered " + file.partition() + ": "
            + summary(plan, "created", "updated", "kept", "removed"));
    printPublished(out, render.rendered().published());
    return ExitCode.OK;
  }


  private static void printPublished(PrintWriter out, ConnectionValues published) {
    out.println("monitor-base-url: " + published.monitorBaseUrl());
    out.println("monitor-url: " + published.monitorUrl());
    out.println("monitor-user: " + published.monitorUser());
    out.println(
        "monitor-password and monitor-setup-url: in " + published.file() + " (mode 0600)");
  }

  private static String summary(
      RenderPlan plan, String create, String update, String keep, String remove) {
    long removed = count(plan, RenderPlan.Action.REMOVE);
    return count(plan, RenderPlan.Action.CREATE) + " " + create + ", "
        + count(plan, RenderPlan.Action.UPDATE) + " " + update + ", "
        + count(plan, RenderPlan.Action.KEEP) + " " + keep
        + (removed == 0 ? "" : ", " + removed + " " + remove);
  }

  private static long count(RenderPlan plan, RenderPlan.Action action) {
    return plan.steps().stream().filter(step -> step.action() == action).count();
  }

  private static int report(PrintWriter err, List<Diagnostic> found) {
    List<Diagnostic> diagnostics = found.stream().distinct().toList();
    diagnostics.forEach(err::println);
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.size() - errors;
    err.println(
        errors + (errors == 1 ? " error" : " errors") + ", " + warnings
            + (warnings == 1 ? " warning" : " warnings") + "; nothing written");
    return ExitCode.USAGE;
  }
}
