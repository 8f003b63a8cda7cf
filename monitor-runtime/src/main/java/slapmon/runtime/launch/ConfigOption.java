package slapmon.runtime.launch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import slapmon.config.ConfigException;

/** The {@code --config etc/monitor.conf} option of the commands that run the monitor. */
final class ConfigOption {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The partition's etc/monitor.conf.")
  Path config;

  /** The option as picocli would have set it from {@code --config FILE}. */
  static ConfigOption of(Path file) {
    ConfigOption option = new ConfigOption();
    option.config = file;
    return option;
  }

  /** The loaded configuration, its warnings printed; empty, with every error printed, when it is wrong. */
  Optional<RuntimeConfig> load(PrintWriter err) {
    try {
      RuntimeConfig runtime = RuntimeConfig.load(config);
      runtime.warnings().forEach(err::println);
      return Optional.of(runtime);
    } catch (ConfigException e) {
      e.diagnostics().forEach(err::println);
      return Optional.empty();
    }
  }
}
