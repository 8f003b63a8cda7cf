package slapmon.runtime.promise;

import java.util.Objects;

/**
 * Where a result comes from, in the terms of today's result files (SPEC §B.2): the promise's file
 * name ({@code name}), its path, and whether slapgrid's launcher tested it or checked it for an
 * anomaly ({@code result.type}).
 */
record ResultOrigin(String name, String path, String type) {
  /** What slapgrid's launcher writes after a deployment, and what a single run's verdict is. */
  static final String TEST = "Test Result";

  /** What the launcher writes on each {@code slapos node instance} of an up-to-date partition. */
  static final String ANOMALY = "Anomaly Result";

  ResultOrigin {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
  }

  /**
   * A run of the executable itself: its verdict is that one run's, as the launcher's test (an
   * anomaly of a legacy promise needs three failed runs in a row).
   */
  static ResultOrigin of(Executable executable) {
    return new ResultOrigin(
        executable.path().getFileName().toString(), executable.path().toString(), TEST);
  }
}
