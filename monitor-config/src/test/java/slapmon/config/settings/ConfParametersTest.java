package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SlapOS identity of a partition in {@code [monitor-conf-parameters]}, under the names of
 * {@code monitor.conf}'s {@code [promises]}: bound when given, empty when not, and each bad value
 * reported with its line, key, the value found and what was expected.
 */
final class ConfParametersTest {
  private static final String BASE =
      "[buildout]\ndirectory = /p\n[monitor-instance-parameter]\nmonitor-httpd-ipv6 = ::1\n"
          + "monitor-base-url = https://example.com\n[monitor-conf-parameters]\n";

  @TempDir Path dir;

  @Test
  void identity_is_bound_when_given() throws Exception {
    MonitorSettings settings =
        new Profiles(dir)
            .bind(
                BASE
                    + "computer-id = COMP-1234\npartition-id = slappart0\nipv4 = 10.0.33.7\n"
                    + "ipv6 = 2001:db8:0::7\nsoftware-release = https://lab.example.com/software.cfg\n"
                    + "software-type = default\nmaster-url = https://slap.example.com:5000\n"
                    + "partition-cert = /p/etc/partition.crt\npartition-key = /p/etc/partition.key\n")
            .value();

    assertThat(settings.partition())
        .isEqualTo(
            new SlapPartition(
                Optional.empty(),
                Optional.of("slappart0"),
                Optional.of("COMP-1234"),
                Optional.of(InetAddress.getByName("10.0.33.7")),
                Optional.of(InetAddress.getByName("2001:db8::7")),
                Optional.of("https://lab.example.com/software.cfg"),
                Optional.of("default")));
    assertThat(settings.master())
        .isEqualTo(
            new SlapMaster(
                Optional.of(URI.create("https://slap.example.com:5000")),
                Optional.of(Path.of("/p/etc/partition.crt")),
                Optional.of(Path.of("/p/etc/partition.key"))));
  }

  @Test
  void identity_is_empty_when_absent_or_empty() throws Exception {
    MonitorSettings settings = new Profiles(dir).bind(BASE + "computer-id =\nipv4 =\n").value();

    assertThat(settings.partition())
        .isEqualTo(
            new SlapPartition(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(settings.master())
        .isEqualTo(new SlapMaster(Optional.empty(), Optional.empty(), Optional.empty()));
  }

  @Test
  void bad_values_are_reported_each_with_what_was_expected() throws Exception {
    assertThat(
            new Profiles(dir)
                .errorsOf(
                    BASE
                        + "ipv4 = 2001:db8::7\nipv6 = 10.0.0.1\nmaster-url = slap.example.com\n"
                        + "partition-cert = etc/partition.crt\npartition-key = ~/key\n"
                        + "computer-id =\n  two\n  lines\n"))
        .containsExactly(
            "D/instance.cfg:7: error: [monitor-conf-parameters] ipv4: expected an IPv4 address"
                + " literal such as 10.0.0.1, got '2001:db8::7'",
            "D/instance.cfg:8: error: [monitor-conf-parameters] ipv6: expected an IPv6 address"
                + " literal such as 2001:db8::1, got '10.0.0.1'",
            "D/instance.cfg:9: error: [monitor-conf-parameters] master-url: expected an absolute"
                + " http or https URL, got 'slap.example.com'",
            "D/instance.cfg:10: error: [monitor-conf-parameters] partition-cert: expected an"
                + " absolute path, got 'etc/partition.crt'",
            "D/instance.cfg:11: error: [monitor-conf-parameters] partition-key: expected an"
                + " absolute path, got '~/key'",
            "D/instance.cfg:12: error: [monitor-conf-parameters] computer-id: expected a single"
                + " line of text, got 'two\\nlines'");
  }
}
