package slapmon.config.settings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binds {@code [monitor-directory]}. Every option is optional and defaults to the original layout
 * under the partition folder, so the section itself may be absent; options that no part of slapmon
 * uses ({@code run}, {@code cgi-bin}, {@code services-conf}, {@code monitor-log}) are accepted and
 * ignored, and any other option is left alone, because software releases add their own folders to
 * this section.
 */
final class DirectoriesBinder {
  static final String SECTION = "monitor-directory";

  private DirectoriesBinder() {}

  static Optional<MonitorDirectoryParameters> bind(SectionReader in, PartitionRoot root) {
    Optional<Path> bin = path(in, "bin", MonitorDirectoryParameters::bin, root);
    Optional<Path> etc = path(in, "etc", MonitorDirectoryParameters::etc, root);
    Optional<Path> services = path(in, "services", MonitorDirectoryParameters::services, root);
    Optional<Path> promises = path(in, "promises", MonitorDirectoryParameters::promises, root);
    Optional<Path> reports = path(in, "reports", MonitorDirectoryParameters::reports, root);
    Optional<Path> pids = path(in, "pids", MonitorDirectoryParameters::pids, root);
    Optional<Path> log = path(in, "log", MonitorDirectoryParameters::log, root);
    Optional<Path> monitorVar = path(in, "monitor-var", MonitorDirectoryParameters::monitorVar, root);
    Optional<Path> publicFolder = path(in, "public", MonitorDirectoryParameters::publicFolder, root);
    Optional<Path> privateFolder = path(in, "private", MonitorDirectoryParameters::privateFolder, root);
    Optional<Path> webdav = path(in, "webdav", MonitorDirectoryParameters::webdav, root);
    in.ignore("run", "cgi-bin", "services-conf", "monitor-log");
    if (in.failed()
        || !SectionReader.allPresent(
            bin,
            etc,
            services,
            promises,
            reports,
            pids,
            log,
            monitorVar,
            publicFolder,
            privateFolder,
            webdav)) {
      return Optional.empty();
    }
    return Optional.of(
        new MonitorDirectoryParameters(
            bin.get(),
            etc.get(),
            services.get(),
            promises.get(),
            reports.get(),
            pids.get(),
            log.get(),
            monitorVar.get(),
            publicFolder.get(),
            privateFolder.get(),
            webdav.get()));
  }

  private static Optional<Path> path(
      SectionReader in, String key, Function<MonitorDirectoryParameters, Path> layout, PartitionRoot root) {
    return in.withDefault(
        key, Parsers.ABSOLUTE_PATH, () -> root.map(MonitorDirectoryParameters::under).map(layout));
  }
}
