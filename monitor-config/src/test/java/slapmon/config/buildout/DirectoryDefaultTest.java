package slapmon.config.buildout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [buildout] directory} defaults to the folder the caller gives; a profile's own wins. */
final class DirectoryDefaultTest {
  @TempDir Path dir;

  @Test
  void given_folder_is_the_default_and_references_see_it() throws Exception {
    Path file = dir.resolve("p.cfg");
    Files.writeString(file, "[a]\netc = ${buildout:directory}/etc\n");

    BuildoutConfig config = BuildoutConfig.load(file, Path.of("/srv/part"));

    assertThat(config.option("a", "etc").orElseThrow().text()).isEqualTo("/srv/part/etc");
    assertThat(config.option("buildout", "bin-directory").orElseThrow().text())
        .isEqualTo("/srv/part/bin");
    assertThat(BuildoutConfig.load(file).option("a", "etc").orElseThrow().text())
        .isEqualTo(dir + "/etc");
  }

  @Test
  void directory_set_by_the_profile_wins() throws Exception {
    Path file = dir.resolve("p.cfg");
    Files.writeString(file, "[buildout]\ndirectory = /elsewhere\n");

    assertThat(
            BuildoutConfig.load(file, Path.of("/srv/part"))
                .option("buildout", "directory")
                .orElseThrow()
                .text())
        .isEqualTo("/elsewhere");
  }
}
