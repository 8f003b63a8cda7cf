package slapmon.config.settings;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who the partition is, as {@code [promises]} of {@code monitor.conf} tells it (SPEC §B.3); every
 * part is optional, because a standalone monitor has no SlapOS master.
 *
 * @param folder {@code partition-folder}
 * @param partitionId {@code partition-id}
 * @param computerId {@code computer-id}
 * @param ipv4 {@code ipv4}
 * @param ipv6 {@code ipv6}
 * @param softwareRelease {@code software-release}, a URL or a path, kept as text
 * @param softwareType {@code software-type}
 */
public record SlapPartition(
    Optional<Path> folder,
    Optional<String> partitionId,
    Optional<String> computerId,
    Optional<InetAddress> ipv4,
    Optional<InetAddress> ipv6,
    Optional<String> softwareRelease,
    Optional<String> softwareType) {

  public SlapPartition {
    folder.ifPresent(path -> Checks.absolute(path, "folder"));
    partitionId.ifPresent(text -> Checks.line(text, "partitionId"));
    computerId.ifPresent(text -> Checks.line(text, "computerId"));
    if (ipv4.isPresent() && !(ipv4.get() instanceof Inet4Address)) {
      throw new IllegalArgumentException("ipv4 must be an IPv4 address, got " + ipv4.get());
    }
    if (ipv6.isPresent() && !(ipv6.get() instanceof Inet6Address)) {
      throw new IllegalArgumentException("ipv6 must be an IPv6 address, got " + ipv6.get());
    }
    softwareRelease.ifPresent(text -> Checks.line(text, "softwareRelease"));
    softwareType.ifPresent(text -> Checks.line(text, "softwareType"));
  }
}
