package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Address literals: parsed without any name lookup, and written back in canonical form. */
final class IpLiteralTest {

  @ParameterizedTest
  @CsvSource({
    "::1, ::1",
    "::, ::",
    "2001:DB8:0:0:0:0:0:7, 2001:db8::7",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0db8:0000:0000:0001:0000:0000:0000, 2001:db8:0:0:1::",
    "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "fe80::, fe80::",
  })
  void ipv6_literals_parse_and_format_canonically(String text, String canonical) throws Exception {
    InetAddress address = IpLiteral.parse(text);

    assertThat(address).isInstanceOf(Inet6Address.class);
    assertThat(IpLiteral.format(address)).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "10.0.33.7", "255.255.255.255", "0.0.0.0"})
  void ipv4_literals_parse(String text) throws Exception {
    InetAddress address = IpLiteral.parse(text);

    assertThat(address).isInstanceOf(Inet4Address.class);
    assertThat(IpLiteral.format(address)).isEqualTo(text);
  }

  /** Names, including ones that start like hex digits, never reach InetAddress (no DNS lookup). */
  @ParameterizedTest
  @CsvSource({"localhost", "cafe", "deadbeef.example", "a", "dead:beef:host", ".1:2", "1.2.3.4.5"})
  void names_and_malformed_literals_are_refused(String text) {
    assertThatThrownBy(() -> IpLiteral.parse(text))
        .isInstanceOf(Parser.Invalid.class)
        .hasMessage(IpLiteral.EXPECTED);
  }
}
