package slapmon.config.settings;

import java.util.Objects;

/**
 * What {@code [monitor-conf-parameters]} carries beyond the original template's plumbing: the paths
 * linked into the public and private trees, and the SlapOS identity of the partition under the
 * names of {@code monitor.conf}'s {@code [promises]} (SPEC §B.3), which the SlapOS template fills
 * from {@code [slap-connection]} and {@code [slap-configuration]}.
 *
 * @param linkedPaths {@code public-path-list} and {@code private-path-list}
 * @param partition {@code computer-id}, {@code partition-id}, {@code ipv4}, {@code ipv6}, {@code
 *     software-release}, {@code software-type}; its folder is never set here (the renderer knows
 *     the partition)
 * @param master {@code master-url}, {@code partition-cert}, {@code partition-key}
 */
public record ConfParameters(LinkedPaths linkedPaths, SlapPartition partition, SlapMaster master) {
  public ConfParameters {
    Objects.requireNonNull(linkedPaths, "linkedPaths");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(master, "master");
  }
}
