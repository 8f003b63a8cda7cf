package slapmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class NearestNameTest {
  private static final List<String> KNOWN =
      List.of("cors-domains", "monitor-httpd-port", "monitor-httpd-ipv6", "monitor-title");

  @Test
  void one_or_two_edits_away_is_a_typo() {
    assertThat(NearestName.of("cors-domain", KNOWN)).contains("cors-domains");
    assertThat(NearestName.of("monitor-httpd-prot", KNOWN)).contains("monitor-httpd-port");
    assertThat(NearestName.of("monitor-titel", KNOWN)).contains("monitor-title");
  }

  @Test
  void a_name_far_from_every_known_one_gets_no_suggestion() {
    assertThat(NearestName.of("instance-configuration", KNOWN)).isEmpty();
    assertThat(NearestName.of("ab", List.of("xy"))).isEmpty();
    assertThat(NearestName.suggestion("zzz", KNOWN)).isEmpty();
  }
}
