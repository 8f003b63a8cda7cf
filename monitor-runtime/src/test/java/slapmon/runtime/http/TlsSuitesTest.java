package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

final class TlsSuitesTest {
  @Test
  void with_c2_the_jdk_order_is_kept_and_without_it_chacha20_comes_first() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    List<String> jdk = TlsSuites.of(context, true);
    List<String> c1 = TlsSuites.of(context, false);
    assertThat(jdk).allMatch(TlsSuites::allowed).contains("TLS_CHACHA20_POLY1305_SHA256");
    assertThat(c1).containsExactlyInAnyOrderElementsOf(jdk);
    int chacha = (int) jdk.stream().filter(s -> s.contains("_CHACHA20_")).count();
    assertThat(c1.subList(0, chacha)).allMatch(s -> s.contains("_CHACHA20_"));
    assertThat(c1.subList(chacha, c1.size()))
        .containsExactlyElementsOf(jdk.stream().filter(s -> !s.contains("_CHACHA20_")).toList());
  }

  @Test
  void openssl_names_of_the_allowed_suites_are_allowed_and_its_ccm_ones_are_not() {
    // As wildfly-openssl converts OpenSSL's names.
    assertThat(TlsSuites.allowed("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305")).isTrue();
    assertThat(TlsSuites.allowed("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).isTrue();
    assertThat(TlsSuites.allowed("TLS_AES_256_GCM_SHA384")).isTrue();
    assertThat(TlsSuites.allowed("TLS_CHACHA20_POLY1305_SHA256")).isTrue();
    assertThat(TlsSuites.allowed("TLS_AES_128_CCM_8_SHA256")).as("a 64-bit tag").isFalse();
    assertThat(TlsSuites.allowed("TLS_AES_128_CCM_SHA256")).isFalse();
    assertThat(TlsSuites.allowed("TLS_RSA_WITH_ECDHE_PSK_CHACHA20_POLY1305")).isFalse();
    assertThat(TlsSuites.allowed("TLS_RSA_WITH_AES_128_GCM_SHA256")).as("static RSA").isFalse();
  }

  @Test
  void only_a_tiered_stop_below_4_before_the_main_class_means_no_c2() {
    assertThat(JitLevel.optimizing(List.of())).isTrue();
    assertThat(JitLevel.optimizing(List.of("-XX:+UseSerialGC", "-jar", "x.jar"))).isTrue();
    assertThat(JitLevel.optimizing(List.of("-XX:TieredStopAtLevel=1", "-jar", "x.jar"))).isFalse();
    assertThat(JitLevel.optimizing(
        List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4", "-jar", "x.jar"))).isTrue();
    assertThat(JitLevel.optimizing(List.of("-jar", "x.jar", "-XX:TieredStopAtLevel=1"))).isTrue();
  }
}
