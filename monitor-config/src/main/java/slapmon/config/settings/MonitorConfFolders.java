package slapmon.config.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The folders and bootstrap files of {@code monitor.conf}'s {@code [monitor]} section, each an
 * absolute path; {@code logFolder} and {@code documentFolder} appeared in 2018 and are optional.
 *
 * @param publicFolder {@code public-folder}
 * @param privateFolder {@code private-folder}
 * @param webdavFolder {@code webdav-folder}
 * @param servicePidFolder {@code service-pid-folder}
 * @param pidFile {@code pid-file}
 * @param promiseOutputFile {@code promise-output-file}, the bootstrap's success marker
 * @param logFolder {@code log-folder}
 * @param documentFolder {@code document-folder}
 */
public record MonitorConfFolders(
    Path publicFolder,
    Path privateFolder,
    Path webdavFolder,
    Path servicePidFolder,
    Path pidFile,
    Path promiseOutputFile,
    Optional<Path> logFolder,
    Optional<Path> documentFolder) {

  public MonitorConfFolders {
    Checks.absolute(publicFolder, "publicFolder");
    Checks.absolute(privateFolder, "privateFolder");
    Checks.absolute(webdavFolder, "webdavFolder");
    Checks.absolute(servicePidFolder, "servicePidFolder");
    Checks.absolute(pidFile, "pidFile");
    Checks.absolute(promiseOutputFile, "promiseOutputFile");
    logFolder.ifPresent(path -> Checks.absolute(path, "logFolder"));
    documentFolder.ifPresent(path -> Checks.absolute(path, "documentFolder"));
  }
}
