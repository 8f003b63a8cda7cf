package slapmon.config.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The promise and report paths that {@code [monitor]} held before 2018, when the promise runner
 * moved them to {@code [promises]} (SPEC §B.3); each is optional, and absolute when given.
 *
 * @param reportFolder {@code report-folder}
 * @param promiseFolder {@code promise-folder}
 * @param monitorPromiseFolder {@code monitor-promise-folder}
 * @param promisesTimeoutFile {@code promises-timeout-file}
 * @param collectorDb {@code collector-db}
 */
public record SeedEraPaths(
    Optional<Path> reportFolder,
    Optional<Path> promiseFolder,
    Optional<Path> monitorPromiseFolder,
    Optional<Path> promisesTimeoutFile,
    Optional<Path> collectorDb) {

  public SeedEraPaths {
    reportFolder.ifPresent(path -> Checks.absolute(path, "reportFolder"));
    promiseFolder.ifPresent(path -> Checks.absolute(path, "promiseFolder"));
    monitorPromiseFolder.ifPresent(path -> Checks.absolute(path, "monitorPromiseFolder"));
    promisesTimeoutFile.ifPresent(path -> Checks.absolute(path, "promisesTimeoutFile"));
    collectorDb.ifPresent(path -> Checks.absolute(path, "collectorDb"));
  }
}
