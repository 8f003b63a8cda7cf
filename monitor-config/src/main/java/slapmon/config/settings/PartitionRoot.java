package slapmon.config.settings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The partition folder that the defaults of {@code [monitor-directory]} and {@code
 * [monitor-httpd-conf-parameter]} are laid out under: {@code [buildout] directory}, which
 * zc.buildout sets to the folder of the profile and SlapOS to the partition. It is read, and
 * reported when missing or invalid, only the first time a default needs it.
 */
final class PartitionRoot {
  private final SectionSource source;
  private final Diagnostics diagnostics;
  private Optional<Path> root = Optional.empty();
  private boolean looked;

  PartitionRoot(SectionSource source, Diagnostics diagnostics) {
    this.source = source;
    this.diagnostics = diagnostics;
  }

  /** {@code layout} applied to the partition folder, or empty when that folder is unknown. */
  <T> Optional<T> map(Function<Path, T> layout) {
    if (!looked) {
      looked = true;
      SectionReader buildout = SectionReader.open(source, "buildout", diagnostics);
      root =
          buildout.required(
              "directory",
              Parsers.ABSOLUTE_PATH,
              Parsers.PATH
                  + ", the partition folder under which the monitor's default folders are laid"
                  + " out");
    }
    return root.map(layout);
  }
}
