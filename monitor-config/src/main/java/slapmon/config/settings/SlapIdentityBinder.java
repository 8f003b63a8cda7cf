package slapmon.config.settings;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Binds the partition's SlapOS identity, which both {@code [monitor-conf-parameters]} of a profile
 * and {@code [promises]} of {@code monitor.conf} carry under the same keys: each optional, an
 * empty value counting as absent.
 */
final class SlapIdentityBinder {
  private SlapIdentityBinder() {}

  /** {@code partition-id}, {@code computer-id}, the addresses and the software of the partition. */
  static SlapPartition partition(SectionReader in, Optional<Path> folder) {
    return new SlapPartition(
        folder,
        in.optional("partition-id", Parsers.SINGLE_LINE),
        in.optional("computer-id", Parsers.SINGLE_LINE),
        in.optional("ipv4", Parsers.IPV4_ADDRESS),
        in.optional("ipv6", Parsers.IPV6_ADDRESS),
        in.optional("software-release", Parsers.SINGLE_LINE),
        in.optional("software-type", Parsers.SINGLE_LINE));
  }

  /** {@code master-url} and the partition's certificate and key to talk to it. */
  static SlapMaster master(SectionReader in) {
    return new SlapMaster(
        in.optional("master-url", Parsers.HTTP_URL),
        in.optional("partition-cert", Parsers.ABSOLUTE_PATH),
        in.optional("partition-key", Parsers.ABSOLUTE_PATH));
  }
}
