package slapmon.config.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Binds what a software release or the SlapOS template sets in {@code [monitor-conf-parameters]}:
 * {@code public-path-list} (default empty), {@code private-path-list} (default the partition's
 * {@code var/log}) and the partition's SlapOS identity ({@code computer-id}, {@code partition-id},
 * {@code ipv4}, {@code ipv6}, {@code software-release}, {@code software-type}, {@code master-url},
 * {@code partition-cert}, {@code partition-key}; each optional, an empty value counting as absent).
 * The section is optional; its other options are the original template's plumbing, which the
 * renderer derives from the other sections, so they are neither bound nor warned about.
 */
final class ConfParametersBinder {
  static final String SECTION = "monitor-conf-parameters";

  private ConfParametersBinder() {}

  static Optional<ConfParameters> bind(SectionReader in, PartitionRoot root) {
    List<Path> publicPaths = in.list("public-path-list", Parsers.ABSOLUTE_PATH).orElse(List.of());
    Optional<List<Path>> privatePaths =
        in.list("private-path-list", Parsers.ABSOLUTE_PATH)
            .or(() -> root.map(partition -> LinkedPaths.defaultsUnder(partition).privatePaths()));
    SlapPartition partition =
        new SlapPartition(
            Optional.empty(),
            in.optional("partition-id", Parsers.SINGLE_LINE),
            in.optional("computer-id", Parsers.SINGLE_LINE),
            in.optional("ipv4", Parsers.IPV4_ADDRESS),
            in.optional("ipv6", Parsers.IPV6_ADDRESS),
            in.optional("software-release", Parsers.SINGLE_LINE),
            in.optional("software-type", Parsers.SINGLE_LINE));
    SlapMaster master =
        new SlapMaster(
            in.optional("master-url", Parsers.HTTP_URL),
            in.optional("partition-cert", Parsers.ABSOLUTE_PATH),
            in.optional("partition-key", Parsers.ABSOLUTE_PATH));
    if (in.failed() || privatePaths.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ConfParameters(new LinkedPaths(publicPaths, privatePaths.get()), partition, master));
  }
}
