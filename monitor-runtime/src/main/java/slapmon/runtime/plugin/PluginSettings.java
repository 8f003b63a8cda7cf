package slapmon.runtime.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import slapmon.config.layout.PartitionLayout;

/**
 * How slapmon runs a partition's plugin promises where slapgrid does not.
 *
 * @param python the interpreter the software release gives its plugins ({@code [promises]
 *     plugin-python}); {@link #DEFAULT_PYTHON} when not configured
 * @param partition the partition folder: results, cache and logs go under its {@code .slapgrid/}
 * @param pluginFolder the plugins ({@code [promises] promise-folder})
 * @param timeout how long one plugin may run ({@code [promises] promise-timeout})
 * @param checkAnomaly anomaly() after sense() as the monitor does, else test() as slapgrid does
 * @param everyPeriod run them every promise period in {@code slapmon run} ({@code [promises]
 *     run-plugins}), not only on {@code slapmon promise run}
 * @param identity what the launcher hands every plugin about the partition and its master: {@code
 *     master-url}, {@code partition-id}, {@code computer-id}, {@code partition-cert}, {@code
 *     partition-key}, each possibly absent
 * @param extraPath folders put first on the worker's {@code sys.path}, where the plugins' own path
 *     does not bring slapos.core (a standalone partition)
 * @param parallelism how many plugins run at once
 */
public record PluginSettings(
    Path python,
    Path partition,
    Path pluginFolder,
    Duration timeout,
    boolean checkAnomaly,
    boolean everyPeriod,
    Map<String, Optional<String>> identity,
    List<Path> extraPath,
    int parallelism) {

  /** Debian's Python, where slapos.core's packages are when they are installed from Debian. */
  public static final Path DEFAULT_PYTHON = Path.of("/usr/bin/python3");

  /**
   * Plugins mostly wait (on a socket, a URL, a command): a few at once shorten a pass without
   * loading a small machine; slapgrid runs them one by one.
   */
  public static final int DEFAULT_PARALLELISM = 4;

  /** The launcher's identity keys, always handed over (a plugin may look for them). */
  public static final List<String> IDENTITY_KEYS =
      List.of("master-url", "partition-id", "computer-id", "partition-cert", "partition-key");

  public PluginSettings {
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(pluginFolder, "pluginFolder");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Map<String, Optional<String>> known = new LinkedHashMap<>();
    for (String key : IDENTITY_KEYS) {
      known.put(key, identity.getOrDefault(key, Optional.empty()));
    }
    identity = java.util.Collections.unmodifiableMap(known);
    extraPath = List.copyOf(extraPath);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
  }

  /** slapgrid's folder of promise logs, one {@code TITLE.log} per plugin. */
  public Path logFolder() {
    return new PartitionLayout.Slapgrid(partition).logs();
  }

  public PluginSettings withExtraPath(List<Path> path) {
    return new PluginSettings(
        python, partition, pluginFolder, timeout, checkAnomaly, everyPeriod, identity, path,
        parallelism);
  }

  public PluginSettings withTimeout(Duration limit) {
    return new PluginSettings(
        python, partition, pluginFolder, limit, checkAnomaly, everyPeriod, identity, extraPath,
        parallelism);
  }

  public PluginSettings withParallelism(int count) {
    return new PluginSettings(
        python, partition, pluginFolder, timeout, checkAnomaly, everyPeriod, identity, extraPath,
        count);
  }
}
