package slapmon.runtime.collect;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the resource collect needs: the folder it writes ({@code private/data/.jio_documents}), the
 * collector database when there is one, the partition as named in that database ({@code
 * slapuser15}) and as a uid for {@code /proc}, how many rows a series keeps, and the partition's
 * folder (its disk use, and its processes when the uid is root's).
 */
public record CollectSettings(
    Path outputFolder,
    Optional<Path> collectorDb,
    String partitionUser,
    long partitionUid,
    int seriesLimit,
    Optional<Path> partitionFolder) {
  /** One day of one-minute rows: the life of the legacy file between two daily rotations. */
  public static final int DEFAULT_SERIES_LIMIT = 1440;

  public CollectSettings {
    Objects.requireNonNull(outputFolder, "outputFolder");
    Objects.requireNonNull(collectorDb, "collectorDb");
    Objects.requireNonNull(partitionFolder, "partitionFolder");
    if (partitionUser == null || partitionUser.isBlank()) {
      throw new IllegalArgumentException("partitionUser: expected a user name like slapuser15");
    }
    if (partitionUid < 0) {
      throw new IllegalArgumentException("partitionUid: expected a uid >= 0, got " + partitionUid);
    }
    if (seriesLimit < 1) {
      throw new IllegalArgumentException("seriesLimit: expected at least 1, got " + seriesLimit);
    }
  }

  /** Settings without a partition folder: no disk figure, and as root only slapmon's own tree. */
  public CollectSettings(
      Path outputFolder,
      Optional<Path> collectorDb,
      String partitionUser,
      long partitionUid,
      int seriesLimit) {
    this(outputFolder, collectorDb, partitionUser, partitionUid, seriesLimit, Optional.empty());
  }
}
