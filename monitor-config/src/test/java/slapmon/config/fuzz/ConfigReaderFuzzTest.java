package slapmon.config.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;
import slapmon.config.buildout.BuildoutConfig;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.Settings;

/**
 * Coverage-guided fuzzing of the two readers (Jazzer). Under {@code mvn test} each method runs once
 * per seed of {@code ConfigReaderFuzzTestInputs/METHOD/} (our seeds and every finding kept as a
 * regression case); {@code reliability/fuzz.sh} runs them as a fuzzer.
 *
 * <p>The property: whatever the bytes, the reader either accepts them or throws a {@link
 * ConfigException} whose diagnostics each name a file; no other exception, no stack overflow, no
 * hang (the fuzzer's per-input timeout). The input is a file on disk because that is what the
 * reader reads, next to a fixed {@code base.cfg} so that {@code extends} has something to find.
 */
final class ConfigReaderFuzzTest {
  private static Path folder;
  private static Path profile;
  private static Path monitorConf;

  @BeforeAll
  static void createFolder() throws IOException {
    folder = Files.createTempDirectory("slapmon-fuzz");
    profile = folder.resolve("instance.cfg");
    monitorConf = folder.resolve("monitor.conf");
    Files.writeString(
        folder.resolve("base.cfg"),
        "[buildout]\nparts = monitor\n[monitor-instance-parameter]\nmonitor-title = base\n"
            + "[macro]\nrecipe = x\nvalue = ${:_buildout_section_name_}\n");
  }

  @AfterAll
  static void removeFolder() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  @FuzzTest(maxDuration = "5m")
  void buildoutProfile(byte[] bytes) {
    write(profile, bytes);
    try {
      BuildoutConfig config = BuildoutConfig.load(profile);
      expectNamedFiles(config.resolveEach(config.sectionNames()).errors());
      if (config.hasSection("monitor-instance-parameter")) {
        Settings.fromInstance(config);
      }
    } catch (ConfigException e) {
      expectNamedFiles(e.diagnostics());
    }
  }

  @FuzzTest(maxDuration = "5m")
  void literalMonitorConf(byte[] bytes) {
    write(monitorConf, bytes);
    try {
      Settings.fromMonitorConf(IniDocument.read(monitorConf));
    } catch (ConfigException e) {
      expectNamedFiles(e.diagnostics());
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void expectNamedFiles(List<Diagnostic> diagnostics) {
    for (Diagnostic diagnostic : diagnostics) {
      assertThat(diagnostic.message()).isNotBlank();
      assertThat(diagnostic.location().file().toString()).isNotBlank();
    }
  }
}
