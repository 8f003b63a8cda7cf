package slapmon.runtime.state;

import java.util.Objects;
import java.util.Optional;
import slapmon.config.settings.IpLiteral;
import slapmon.config.settings.SlapPartition;

/**
 * The partition a monitor belongs to, as published under {@code _embedded.instance} of the private
 * global state; every part is optional (a standalone monitor has none).
 */
public record PartitionIdentity(
    Optional<String> computer,
    Optional<String> ipv4,
    Optional<String> ipv6,
    Optional<String> softwareRelease,
    Optional<String> softwareType,
    Optional<String> partition) {
  public PartitionIdentity {
    Objects.requireNonNull(computer, "computer");
    Objects.requireNonNull(ipv4, "ipv4");
    Objects.requireNonNull(ipv6, "ipv6");
    Objects.requireNonNull(softwareRelease, "softwareRelease");
    Objects.requireNonNull(softwareType, "softwareType");
    Objects.requireNonNull(partition, "partition");
  }

  /** No identity known: every key of {@code _embedded.instance} is then {@code ""}. */
  public static PartitionIdentity unknown() {
    return new PartitionIdentity(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * The identity {@code [promises]} of {@code monitor.conf} gives; addresses in the short form
   * slapformat writes them in ({@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}).
   */
  public static PartitionIdentity of(SlapPartition slap) {
    return new PartitionIdentity(
        slap.computerId(),
        slap.ipv4().map(IpLiteral::format),
        slap.ipv6().map(IpLiteral::format),
        slap.softwareRelease(),
        slap.softwareType(),
        slap.partitionId());
  }
}
