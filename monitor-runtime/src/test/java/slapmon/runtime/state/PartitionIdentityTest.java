package slapmon.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import slapmon.config.settings.SlapPartition;

/** The identity as {@code monitor.conf} gives it, in the form slapformat writes addresses. */
final class PartitionIdentityTest {
  @Test
  void addresses_are_published_in_their_short_form_not_javas_long_one() throws Exception {
    SlapPartition slap =
        new SlapPartition(
            Optional.empty(), Optional.of("slappart3"), Optional.empty(),
            Optional.of(InetAddress.getByName("10.0.151.118")),
            Optional.of(InetAddress.getByName("2001:67c:1254:0:0:0:0:1")),
            Optional.empty(), Optional.empty());

    PartitionIdentity identity = PartitionIdentity.of(slap);

    assertThat(identity.ipv4()).contains("10.0.151.118");
    assertThat(identity.ipv6()).contains("2001:67c:1254::1");
    assertThat(PartitionIdentity.of(
            new SlapPartition(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(InetAddress.getByName("::1")), Optional.empty(), Optional.empty()))
        .ipv6()).contains("::1");
  }
}
