package slapmon.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slapmon.config.buildout.BuildoutConfig;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.Password;
import slapmon.config.settings.Settings;

/**
 * Each folder of {@code src/test/resources/golden} is a case: {@code instance.cfg} (a buildout
 * profile), optionally {@code existing-password} (what the password file holds) and {@code
 * launcher} (java, then the class path entries, one per line); its rendering, as a {@link Manifest}, must equal {@code
 * expected.txt}. To regenerate the expectations after a deliberate change, run
 *
 * <pre>mvn -o -B -q -pl monitor-templates -am test -Dtest=GoldenTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true</pre>
 *
 * and review the diff as code.
 */
final class GoldenTest {
  private static final Path SOURCE = Path.of("src/test/resources/golden");
  private static final Launcher LAUNCHER =
      new Launcher(
          Path.of("/usr/lib/jvm/java-17/bin/java"),
          List.of(Path.of("/opt/slapmon/slapmon.jar")),
          "slapmon.runtime.Main");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> folders = Files.list(golden())) {
      return folders.map(folder -> folder.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendering_equals_the_expectation(String name) throws Exception {
    String manifest = Manifest.of(render(name));
    Path expected = golden().resolve(name).resolve("expected.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(SOURCE.resolve(name).resolve("expected.txt"), manifest);
      return;
    }
    assertThat(manifest).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendering_twice_gives_the_same_files(String name) throws Exception {
    assertThat(render(name)).isEqualTo(render(name));
  }

  static RenderedPartition render(String name) throws Exception {
    Path dir = golden().resolve(name);
    BuildoutConfig profile = BuildoutConfig.load(dir.resolve("instance.cfg"));
    MonitorSettings settings = Settings.fromInstance(profile).value();
    Path partition = Path.of(profile.option("buildout", "directory").orElseThrow().text());
    Optional<Password> existing =
        read(dir.resolve("existing-password")).map(text -> new Password(text.strip()));
    Launcher launcher =
        read(dir.resolve("launcher"))
            .map(text -> text.lines().toList())
            .map(
                lines ->
                    new Launcher(
                        Path.of(lines.get(0)),
                        lines.subList(1, lines.size()).stream().map(Path::of).toList(),
                        "slapmon.runtime.Main"))
            .orElse(LAUNCHER);
    return PartitionRenderer.render(
        new RenderInput(settings, partition, existing, launcher, new Random(42)));
  }

  private static Optional<String> read(Path file) throws IOException {
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  static Path golden() {
    try {
      return Path.of(GoldenTest.class.getResource("/golden").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
