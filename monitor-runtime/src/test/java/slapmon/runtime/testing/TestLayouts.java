package slapmon.runtime.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import slapmon.config.layout.PartitionLayout;

/** Partition layouts for tests that lay out their folders themselves. */
public final class TestLayouts {
  private TestLayouts() {}

  /** A seed-era layout of {@code partition} with these public and private folders, no promises. */
  public static PartitionLayout folders(Path partition, Path publicFolder, Path privateFolder) {
    return seedEra(
        partition, publicFolder, privateFolder, List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * A seed-era layout: {@code promiseFolders} are {@code promise-folder} and {@code
   * monitor-promise-folder}, in this order (at most two).
   */
  public static PartitionLayout seedEra(
      Path partition,
      Path publicFolder,
      Path privateFolder,
      List<Path> promiseFolders,
      Optional<Path> reportFolder,
      Optional<Path> timeoutFile) {
    if (promiseFolders.size() > 2) {
      throw new IllegalArgumentException("at most two promise folders, got " + promiseFolders);
    }
    return new PartitionLayout(
        partition,
        partition.resolve("etc"),
        publicFolder,
        privateFolder,
        partition.resolve("webdav"),
        partition.resolve("monitor-bootstrap-status"),
        partition.resolve("run/monitor-bootstrap.pid"),
        promiseFolders.stream().findFirst(),
        promiseFolders.stream().skip(1).findFirst(),
        reportFolder,
        timeoutFile,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
