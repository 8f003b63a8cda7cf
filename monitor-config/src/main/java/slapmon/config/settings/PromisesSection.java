package slapmon.config.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [promises]} section of {@code monitor.conf} (SPEC §B.3): where promises are and where
 * their results go, how they run, and the partition they belong to. Unlike the original runner
 * (SPEC D.4 #32), {@code promise-timeout} and {@code check-anomaly} are read from it.
 *
 * @param promiseFolder {@code promise-folder}
 * @param legacyPromiseFolder {@code legacy-promise-folder}
 * @param outputFolder {@code output-folder}
 * @param historyFolder {@code history-folder}
 * @param pidPath {@code pid-path}
 * @param promiseTimeout {@code promise-timeout}, {@link PromiseTimeout#DEFAULT} when absent
 * @param checkAnomaly {@code check-anomaly}, false when absent
 * @param partition the partition's identity
 * @param master the SlapOS master
 * @param pluginPython {@code plugin-python}: the Python the software release gives its plugins,
 *     in which slapmon runs them when it does
 * @param runPlugins {@code run-plugins}, false when absent: slapmon runs the plugins itself every
 *     period, where slapgrid does not (a standalone partition)
 */
public record PromisesSection(
    Path promiseFolder,
    Optional<Path> legacyPromiseFolder,
    Path outputFolder,
    Optional<Path> historyFolder,
    Optional<Path> pidPath,
    Duration promiseTimeout,
    boolean checkAnomaly,
    SlapPartition partition,
    SlapMaster master,
    Optional<Path> pluginPython,
    boolean runPlugins) {

  public PromisesSection {
    Checks.absolute(promiseFolder, "promiseFolder");
    legacyPromiseFolder.ifPresent(path -> Checks.absolute(path, "legacyPromiseFolder"));
    Checks.absolute(outputFolder, "outputFolder");
    historyFolder.ifPresent(path -> Checks.absolute(path, "historyFolder"));
    pidPath.ifPresent(path -> Checks.absolute(path, "pidPath"));
    Objects.requireNonNull(promiseTimeout, "promiseTimeout");
    if (promiseTimeout.isNegative() || promiseTimeout.isZero()) {
      throw new IllegalArgumentException("promiseTimeout must be positive, got " + promiseTimeout);
    }
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(master, "master");
    pluginPython.ifPresent(path -> Checks.absolute(path, "pluginPython"));
  }

  /** A section without plugin options: slapgrid runs the plugins, in its own Python. */
  public PromisesSection(
      Path promiseFolder,
      Optional<Path> legacyPromiseFolder,
      Path outputFolder,
      Optional<Path> historyFolder,
      Optional<Path> pidPath,
      Duration promiseTimeout,
      boolean checkAnomaly,
      SlapPartition partition,
      SlapMaster master) {
    this(
        promiseFolder, legacyPromiseFolder, outputFolder, historyFolder, pidPath, promiseTimeout,
        checkAnomaly, partition, master, Optional.empty(), false);
  }
}
