package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import slapmon.templates.ShellScripts;

/** The {@code ./slapmon} launcher runs the JVM as the rendered service wrapper does. */
final class LauncherScriptTest {
  @Test
  void the_launcher_gives_the_jvm_the_service_wrappers_options() throws IOException {
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path launcher = module.toAbsolutePath().normalize().getParent().resolve("slapmon");
    assertThat(Files.readString(launcher))
        .contains(
            "exec java "
                + ShellScripts.JVM_OPTIONS
                + " "
                + ShellScripts.classDataOptions("\"$archive\"")
                + " -jar \"$jar\" \"$@\"");
  }
}
