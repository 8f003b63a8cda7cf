package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistyped option in the README's example profile: reported once, at its own line, with the
 * option it was meant to be; a warning in plain mode (software releases add options of their own),
 * an error under {@code --strict}.
 */
@Timeout(120)
final class OptionTyposProcessTest {
  @TempDir Path dir;

  private Path example(String option, String replacement) throws Exception {
    Path repository = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    String text = Files.readString(repository.resolve("examples/instance-monitor-example.cfg"));
    assertThat(text).contains("\n" + option + " =");
    Path profile = dir.resolve("instance.cfg");
    Files.writeString(profile, text.replace("\n" + option + " =", "\n" + replacement + " ="));
    return profile;
  }

  private static int lineOf(Path file, String start) throws Exception {
    var lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i + 1;
      }
    }
    throw new AssertionError(start);
  }

  @Test
  void unknown_option_is_a_warning_with_did_you_mean_and_an_error_under_strict() throws Exception {
    Path profile = example("cors-domains", "cors-domain");
    String expected =
        profile + ":" + lineOf(profile, "cors-domain =") + ": %s: [monitor-instance-parameter]"
            + " cors-domain: unknown option 'cors-domain' in [monitor-instance-parameter]; it is"
            + " ignored; did you mean 'cors-domains'?";

    SlapmonProcess.Outcome plain = SlapmonProcess.run(dir, Map.of(), "check-config", profile.toString());
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.err()).isEqualTo(expected.formatted("warning") + "\n");

    SlapmonProcess.Outcome strict =
        SlapmonProcess.run(dir, Map.of(), "check-config", "--strict", profile.toString());
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.err())
        .isEqualTo(expected.formatted("error") + " (--strict)\n1 error, 0 warnings\n");
  }

  @Test
  void typo_is_reported_once_at_the_typo_by_check_config_and_render() throws Exception {
    Path profile = example("monitor-httpd-port", "monitor-httpd-prot");
    String expected =
        profile + ":" + lineOf(profile, "monitor-httpd-prot =") + ": error:"
            + " [monitor-instance-parameter] monitor-httpd-prot: did you mean 'monitor-httpd-port'?"
            + " ${monitor-instance-parameter:monitor-httpd-port} at " + profile + ":"
            + lineOf(profile, "port = ${monitor-instance-parameter:monitor-httpd-port}")
            + " refers to option 'monitor-httpd-port', which section [monitor-instance-parameter]"
            + " does not have\n";

    SlapmonProcess.Outcome checked =
        SlapmonProcess.run(dir, Map.of(), "check-config", profile.toString());
    assertThat(checked.exitCode()).isEqualTo(2);
    assertThat(checked.err()).isEqualTo(expected + "1 error, 0 warnings\n");

    SlapmonProcess.Outcome rendered =
        SlapmonProcess.run(
            dir, Map.of(), "render", "--instance", profile.toString(), "--partition",
            dir.resolve("partition").toString(), "--dry-run");
    assertThat(rendered.exitCode()).isEqualTo(2);
    assertThat(rendered.err()).isEqualTo(expected + "1 error, 0 warnings; nothing written\n");
  }
}
