package slapmon.config.settings;

import java.nio.file.Path;

/**
 * {@code [monitor-directory]}, the folders of the monitor in a partition, each an absolute path; an
 * option the profile leaves out has the original layout's value under the partition (SPEC §A.3.2):
 * {@code etc} is {@code $P/etc}, {@code public} is {@code $P/srv/monitor/public}, and so on.
 *
 * @param bin {@code bin}: {@code $P/bin}
 * @param etc {@code etc}: {@code $P/etc}
 * @param services {@code services}: {@code $P/etc/service}
 * @param promises {@code promises}: monitor-only promises, {@code $P/etc/monitor-promise}
 * @param reports {@code reports}: custom reports, {@code $P/etc/monitor-report}
 * @param pids {@code pids}: {@code $P/var/run/monitor}
 * @param log {@code log}: {@code $P/var/log/monitor}
 * @param monitorVar {@code monitor-var}: {@code $P/var/monitor}
 * @param publicFolder {@code public}: {@code $P/srv/monitor/public}
 * @param privateFolder {@code private}: {@code $P/srv/monitor/private}
 * @param webdav {@code webdav}: {@code $P/srv/monitor/webdav}
 */
public record MonitorDirectoryParameters(
    Path bin,
    Path etc,
    Path services,
    Path promises,
    Path reports,
    Path pids,
    Path log,
    Path monitorVar,
    Path publicFolder,
    Path privateFolder,
    Path webdav) {

  public MonitorDirectoryParameters {
    Checks.absolute(bin, "bin");
    Checks.absolute(etc, "etc");
    Checks.absolute(services, "services");
    Checks.absolute(promises, "promises");
    Checks.absolute(reports, "reports");
    Checks.absolute(pids, "pids");
    Checks.absolute(log, "log");
    Checks.absolute(monitorVar, "monitorVar");
    Checks.absolute(publicFolder, "publicFolder");
    Checks.absolute(privateFolder, "privateFolder");
    Checks.absolute(webdav, "webdav");
  }

  /** The original layout of a partition rooted at {@code partition}. */
  public static MonitorDirectoryParameters under(Path partition) {
    Checks.absolute(partition, "partition");
    Path monitor = partition.resolve("srv/monitor");
    return new MonitorDirectoryParameters(
        partition.resolve("bin"),
        partition.resolve("etc"),
        partition.resolve("etc/service"),
        partition.resolve("etc/monitor-promise"),
        partition.resolve("etc/monitor-report"),
        partition.resolve("var/run/monitor"),
        partition.resolve("var/log/monitor"),
        partition.resolve("var/monitor"),
        monitor.resolve("public"),
        monitor.resolve("private"),
        monitor.resolve("webdav"));
  }
}
