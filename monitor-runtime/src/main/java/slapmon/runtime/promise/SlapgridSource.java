package slapmon.runtime.promise;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import slapmon.config.layout.PartitionLayout;
import slapmon.runtime.plugin.PluginSettings;

/**
 * Where slapgrid's promise launcher works for this partition (SPEC §B.2): it runs the plugins of
 * {@code pluginFolder} (and the legacy executables) and writes {@code TITLE.status.json} into
 * {@link #resultFolder}, its periodicity cache into {@link #cacheFolder}.
 *
 * @param partition the partition folder ({@code [promises] partition-folder})
 * @param pluginFolder {@code [promises] promise-folder}: a plugin there without a result is shown
 *     as missing
 * @param runner how slapmon runs the plugins itself, where slapgrid does not ({@code [promises]
 *     plugin-python} or {@code run-plugins}): into the same result folder, read back the same way
 */
public record SlapgridSource(
    Path partition, Optional<Path> pluginFolder, Optional<PluginSettings> runner) {
  public SlapgridSource {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(pluginFolder, "pluginFolder");
    Objects.requireNonNull(runner, "runner");
  }

  /** slapgrid alone runs the plugins. */
  public SlapgridSource(Path partition, Optional<Path> pluginFolder) {
    this(partition, pluginFolder, Optional.empty());
  }

  /** {@code PARTITION/.slapgrid/promise/result}: the launcher's fixed output folder. */
  public Path resultFolder() {
    return new PartitionLayout.Slapgrid(partition).results();
  }

  /** {@code PARTITION/.slapgrid/promise/cache}: one JSON file per title, with its periodicity. */
  Path cacheFolder() {
    return new PartitionLayout.Slapgrid(partition).cache();
  }
}
