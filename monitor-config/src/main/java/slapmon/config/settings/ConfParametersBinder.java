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
    SlapPartition partition = SlapIdentityBinder.partition(in, Optional.empty());
    SlapMaster master = SlapIdentityBinder.master(in);
    if (in.failed() || privatePaths.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ConfParameters(new LinkedPaths(publicPaths, privatePaths.get()), partition, master));
  }
}
