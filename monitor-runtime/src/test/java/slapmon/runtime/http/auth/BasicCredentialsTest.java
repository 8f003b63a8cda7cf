package slapmon.runtime.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class BasicCredentialsTest {
  private static String basic(String userColonPassword) {
    return "Basic "
        + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splits_at_the_first_colon_and_decodes_utf8() {
    BasicCredentials credentials = BasicCredentials.parse(basic("jörg:pa:ss wörd")).orElseThrow();

    assertThat(credentials.user()).isEqualTo("jörg");
    assertThat(new String(credentials.password())).isEqualTo("pa:ss wörd");
  }

  @Test
  void accepts_the_scheme_in_any_case_and_an_empty_password() {
    BasicCredentials credentials =
        BasicCredentials.parse("bAsIc " + basic("admin:").substring(6)).orElseThrow();
    assertThat(credentials.password()).isEmpty();
  }

  @Test
  void refuses_anything_that_is_not_a_basic_header() {
    String noColon = basic("admin");
    String emptyUser = basic(":pw");
    String badBase64 = "Basic !!!";
    String badUtf8 =
        "Basic " + Base64.getEncoder().encodeToString(new byte[] {'a', ':', (byte) 0xff});
    for (String header :
        new String[] {null, "", "Basic", "Bearer abc", noColon, emptyUser, badBase64, badUtf8}) {
      assertThat(BasicCredentials.parse(header)).as(header).isEqualTo(Optional.empty());
    }
  }

  @Test
  void close_wipes_the_password_and_toString_never_shows_it() {
    BasicCredentials credentials = BasicCredentials.parse(basic("admin:hunter2")).orElseThrow();
    char[] password = credentials.password();

    assertThat(credentials).hasToString("basic-credentials(user=admin, password=<hidden>)");
    credentials.close();
    assertThat(password).containsOnly('\0');
  }
}
