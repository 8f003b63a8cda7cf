package slapmon.templates;

import java.nio.file.Path;
import java.util.Optional;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.MonitorDirectoryParameters;
import slapmon.config.settings.MonitorSettings;

/**
 * Where each rendered file goes: the partition's {@link PartitionLayout}, as its {@code
 * monitor.conf} will describe it, and the folders of {@code [monitor-directory]} for the render's
 * own scripts (SPEC §A.2).
 */
record PartitionPaths(Path partition, MonitorDirectoryParameters directories, PartitionLayout layout) {
  static PartitionPaths of(MonitorSettings settings, Path partition) {
    MonitorDirectoryParameters directories = settings.directories();
    return new PartitionPaths(
        partition,
        directories,
        PartitionLayout.rendered(
            partition, directories, Optional.of(settings.instance().collectorDb())));
  }

  Path etc() {
    return layout.etc();
  }

  Path monitorConf() {
    return layout.monitorConf();
  }

  Path instanceInfo() {
    return layout.instanceInfo();
  }

  Path promiseTimeout() {
    return layout.promiseTimeoutFile().orElseThrow();
  }

  Path passwordFile() {
    return layout.passwordFile();
  }

  Path publishFile() {
    return layout.publishFile();
  }

  /** SlapOS promises, run by slapgrid and by the monitor ({@code [directory] promises}). */
  Path promiseFolder() {
    return layout.promiseFolder().orElseThrow();
  }

  /** slapgrid's plugin promises ({@code [promises] promise-folder}); slapmon does not run them. */
  Path pluginFolder() {
    return layout.pluginFolder().orElseThrow();
  }

  Path serviceWrapper() {
    return directories.services().resolve("monitor-slapmon");
  }

  Path promiseRunWrapper() {
    return directories.bin().resolve("monitor-runpromise");
  }

  Path bootstrapPidFile() {
    return layout.pidFile();
  }

  /** Next to the public and private folders, as {@code srv/monitor/monitor-bootstrap-status}. */
  Path bootstrapMarker() {
    return layout.promiseOutputFile();
  }

  Path documentFolder() {
    return layout.documents();
  }

  Path partitionLog() {
    return layout.partitionLog();
  }
}
