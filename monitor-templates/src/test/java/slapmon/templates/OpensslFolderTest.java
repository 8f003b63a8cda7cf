package slapmon.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The release's OpenSSL, named to the render, is named in the wrappers it writes. */
final class OpensslFolderTest {
  private static final Path JAVA = Path.of("/sr/parts/java/bin/java");
  private static final List<Path> JAR = List.of(Path.of("/sr/slapmon.jar"));
  private static final Path CONF = Path.of("/srv/slappart7/etc/monitor.conf");

  @Test
  void a_named_folder_is_given_to_the_monitor_and_to_the_promise_runner() {
    Launcher launcher =
        new Launcher(JAVA, JAR, "slapmon.runtime.launch.Main",
            Optional.of(Path.of("/sr/parts/openssl it's/lib")));

    for (String script :
        List.of(ShellScripts.service(launcher, CONF), ShellScripts.promiseRun(launcher, CONF))) {
      assertThat(script)
          .contains(ShellScripts.JVM_OPTIONS
              + " -Dorg.wildfly.openssl.path='/sr/parts/openssl it'\\''s/lib' -XX:SharedArchiveFile=");
    }
  }

  @Test
  void without_one_the_wrappers_name_none() {
    Launcher launcher = new Launcher(JAVA, JAR, "slapmon.runtime.launch.Main");

    assertThat(ShellScripts.service(launcher, CONF)).doesNotContain("openssl");
  }

  @Test
  void a_relative_folder_is_refused() {
    assertThatThrownBy(() -> new Launcher(JAVA, JAR, "slapmon.runtime.launch.Main",
            Optional.of(Path.of("openssl/lib"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpenSSL folder must be an absolute path, got 'openssl/lib'");
  }
}
