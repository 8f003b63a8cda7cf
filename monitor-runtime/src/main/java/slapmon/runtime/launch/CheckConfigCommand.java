package slapmon.runtime.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.Value;
import slapmon.config.buildout.BuildoutConfig;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.Settings;

/** {@code slapmon check-config FILE}: says whether a configuration is usable, and why not. */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a buildout-style configuration the way zc.buildout does and reports every problem,"
          + " compiler-style (file:line: error: [section] key: message).",
      "When the monitor sections are there, their values are checked too (types, ranges, paths)."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:valid (warnings may be printed)", "2:not valid, or a wrong command line"})
final class CheckConfigCommand implements Callable<Integer> {
  /** The sections slapmon binds to typed settings; they are checked even when no part uses them. */
  static final List<String> MONITOR_SECTIONS =
      List.of(
          "monitor-instance-parameter",
          "monitor-directory",
          "monitor-conf-parameters",
          "monitor-httpd-conf-parameter",
          "monitor-publish-parameters",
          "monitor-publish",
          "monitor-base-url-dict");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file to check.")
  Path file;

  @Option(
      names = "--print",
      description =
          "Print every section as JSON {section: {option: value}}, macros expanded and references"
              + " substituted.")
  boolean print;

  @Option(
      names = "--monitor-conf",
      description =
          "FILE is an etc/monitor.conf: read it literally (no substitution) and check its"
              + " [monitor], [promises] and [httpd] sections as slapmon run would, and that the"
              + " files [httpd] names can be read.")
  boolean monitorConf;

  @Option(
      names = "--strict",
      description =
          "Warnings are errors: an unknown option in a monitor section, for one, fails the check"
              + " (plain mode accepts them: software releases add options of their own).")
  boolean strict;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (monitorConf) {
      return checkMonitorConf(out, err);
    }
    BuildoutConfig config;
    try {
      config = BuildoutConfig.load(file);
    } catch (ConfigException e) {
      return report(err, e.diagnostics());
    }
    List<Diagnostic> diagnostics = new ArrayList<>(config.warnings());
    BuildoutConfig.Resolution used = config.resolveUsed(MONITOR_SECTIONS);
    diagnostics.addAll(used.errors());
    if (!used.errors().isEmpty()) {
      return report(err, diagnostics);
    }
    if (MONITOR_SECTIONS.stream().anyMatch(config::hasSection)) {
      try {
        diagnostics.addAll(Settings.fromInstance(config).warnings());
      } catch (ConfigException e) {
        diagnostics.addAll(e.diagnostics());
        return report(err, diagnostics);
      }
    }
    if (print) {
      BuildoutConfig.Resolution all = config.resolveEach(config.sectionNames());
      for (Diagnostic unused : all.errors()) {
        diagnostics.add(
            Diagnostic.warning(
                unused.location(),
                unused.section(),
                unused.key(),
                unused.message() + " (no part uses this section, so buildout would not fail)"));
      }
      out.println(toJson(all.sections()));
    }
    if (report(err, diagnostics) != ExitCode.OK) {
      return ExitCode.USAGE;
    }
    if (!print) {
      out.println(file + ": ok, " + config.sectionNames().size() + " sections");
    }
    return ExitCode.OK;
  }

  private int checkMonitorConf(PrintWriter out, PrintWriter err) throws JsonProcessingException {
    RuntimeConfig runtime;
    List<Diagnostic> diagnostics;
    try {
      runtime = RuntimeConfig.load(file);
      diagnostics = new ArrayList<>(runtime.warnings());
      diagnostics.addAll(StartChecks.of(runtime));
    } catch (ConfigException e) {
      return report(err, e.diagnostics());
    }
    if (report(err, diagnostics) != ExitCode.OK) {
      return ExitCode.USAGE;
    }
    if (print) {
      IniDocument document;
      try {
        document = IniDocument.read(file);
      } catch (ConfigException e) {
        return report(err, e.diagnostics());
      }
      Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
      document.sectionNames().forEach(name -> sections.put(name, document.section(name)));
      out.println(toJson(sections));
    } else {
      int folders = runtime.engine().promiseFolders().size();
      out.println(file + ": ok, " + folders + (folders == 1 ? " promise folder" : " promise folders"));
    }
    return ExitCode.OK;
  }

  private int report(PrintWriter err, List<Diagnostic> found) {
    List<Diagnostic> diagnostics =
        found.stream().distinct().map(d -> strict && !d.isError() ? asError(d) : d).toList();
    diagnostics.forEach(err::println);
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.size() - errors;
    if (errors > 0) {
      err.println(errors + (errors == 1 ? " error" : " errors") + ", " + warnings
          + (warnings == 1 ? " warning" : " warnings"));
      return ExitCode.USAGE;
    }
    return ExitCode.OK;
  }

  private static Diagnostic asError(Diagnostic warning) {
    return Diagnostic.error(
        warning.location(), warning.section(), warning.key(), warning.message() + " (--strict)");
  }

  private static String toJson(Map<String, Map<String, Value>> sections)
      throws JsonProcessingException {
    Map<String, Map<String, String>> plain = new LinkedHashMap<>();
    sections.forEach(
        (name, options) -> {
          Map<String, String> texts = new LinkedHashMap<>();
          options.forEach((key, value) -> texts.put(key, value.text()));
          plain.put(name, texts);
        });
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plain);
  }
}
