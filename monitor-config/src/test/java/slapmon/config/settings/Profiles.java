package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.buildout.BuildoutConfig;
import slapmon.config.ini.IniDocument;

/**
 * Writes instance profiles into a folder, binds them, and shows diagnostics with the folder as D.
 */
final class Profiles {
  private final Path dir;

  Profiles(Path dir) {
    this.dir = dir;
  }

  /** The profile {@code text} written to {@code instance.cfg} in the folder. */
  Path write(String text) throws IOException {
    Path file = dir.resolve("instance.cfg");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  Bound<MonitorSettings> bind(String text) throws IOException, ConfigException {
    return Settings.fromInstance(BuildoutConfig.load(write(text)));
  }

  /** The diagnostics of a profile that must not bind, rendered, the folder shown as D. */
  List<String> errorsOf(String text) throws IOException, ConfigException {
    BuildoutConfig config = BuildoutConfig.load(write(text));
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> Settings.fromInstance(config));
    assertThat(e).as("expected the profile to be rejected").isNotNull();
    return render(e.diagnostics());
  }

  List<String> render(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .map(Diagnostic::toString)
        .map(s -> s.replace(dir.toString(), "D"))
        .toList();
  }

  /** A file of {@code src/test/resources/settings}. */
  static Path resource(String name) {
    try {
      return Path.of(Profiles.class.getResource("/settings/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code monitor.conf} text read literally, as if from a file named {@code monitor.conf}. */
  static Bound<MonitorConf> monitorConf(String text) throws ConfigException {
    return Settings.fromMonitorConf(IniDocument.parse(Path.of("monitor.conf"), text));
  }

  /** The diagnostics of {@code monitor.conf} text that must not bind. */
  static List<String> monitorConfErrors(String text) throws ConfigException {
    IniDocument document = IniDocument.parse(Path.of("monitor.conf"), text);
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> Settings.fromMonitorConf(document));
    assertThat(e).as("expected monitor.conf to be rejected").isNotNull();
    return e.diagnostics().stream().map(Diagnostic::toString).toList();
  }
}
