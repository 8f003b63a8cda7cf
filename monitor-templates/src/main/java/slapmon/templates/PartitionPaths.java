package slapmon.templates;

import java.nio.file.Path;
import slapmon.config.settings.MonitorDirectories;
import slapmon.config.settings.MonitorSettings;

/**
 * Where each rendered file goes: the folders of {@code [monitor-directory]} and the original
 * layout's names for what that section does not name (SPEC §A.2).
 */
record PartitionPaths(Path partition, MonitorDirectories directories) {
  static PartitionPaths of(MonitorSettings settings, Path partition) {
    return new PartitionPaths(partition, settings.directories());
  }

  Path etc() {
    return directories.etc();
  }

  Path monitorConf() {
    return etc().resolve("monitor.conf");
  }

  Path instanceInfo() {
    return etc().resolve("instance-info.conf");
  }

  Path promiseTimeout() {
    return etc().resolve("promise_timeout");
  }

  Path passwordFile() {
    return etc().resolve(".monitor_pwd");
  }

  Path publishFile() {
    return etc().resolve("monitor-publish.json");
  }

  /** SlapOS promises, run by slapgrid and by the monitor ({@code [directory] promises}). */
  Path promiseFolder() {
    return etc().resolve("promise");
  }

  /** slapgrid's plugin promises ({@code [promises] promise-folder}); slapmon does not run them. */
  Path pluginFolder() {
    return etc().resolve("plugin");
  }

  Path serviceWrapper() {
    return directories.services().resolve("monitor-slapmon");
  }

  Path promiseRunWrapper() {
    return directories.bin().resolve("monitor-runpromise");
  }

  Path bootstrapPidFile() {
    return directories.pids().resolve("monitor-bootstrap.pid");
  }

  /** Next to the public and private folders, as {@code srv/monitor/monitor-bootstrap-status}. */
  Path bootstrapMarker() {
    return directories.publicFolder().resolveSibling("monitor-bootstrap-status");
  }

  Path documentFolder() {
    return directories.privateFolder().resolve("documents");
  }

  Path partitionLog() {
    return partition.resolve("var/log");
  }
}
