package slapmon.runtime.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HtpasswdFileTest {
  private static final String SHA_OF_PW = "{SHA}GpHWL3ymc5liWkNopqtdSjuqYHM="; // "pw"

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();

  @Test
  void ignores_comments_and_blank_lines_and_trims_line_ends() throws Exception {
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, "# admins\n\n  \nadmin:" + SHA_OF_PW + "\r\n");

    assertThat(HtpasswdFile.watch(file, clock).hashOf("admin")).contains(SHA_OF_PW);
  }

  @Test
  void refuses_unsupported_formats_naming_the_line_but_never_the_hash() {
    Path file = Path.of("etc/htpasswd");
    HtpasswdParser.Result result =
        HtpasswdParser.parse(
            file,
            List.of(
                "# comment",
                "plain:secretpassword",
                "crypt:rqXexS6ZhobKA",
                "sha512:$6$salt$abcdef",
                "no-colon-here",
                "ok:" + SHA_OF_PW));

    assertThat(result.hashes()).containsOnlyKeys("ok");
    assertThat(result.warnings())
        .containsExactly(
            "etc/htpasswd:2: warning: user 'plain' has an unsupported hash format (expected bcrypt"
                + " $2y$/$2a$/$2b$, $apr1$ or {SHA}); that user cannot log in",
            "etc/htpasswd:3: warning: user 'crypt' has an unsupported hash format (expected bcrypt"
                + " $2y$/$2a$/$2b$, $apr1$ or {SHA}); that user cannot log in",
            "etc/htpasswd:4: warning: user 'sha512' has an unsupported hash format (expected"
                + " bcrypt $2y$/$2a$/$2b$, $apr1$ or {SHA}); that user cannot log in",
            "etc/htpasswd:5: warning: expected 'user:hash', found no user name; line ignored");
    assertThat(String.join("\n", result.warnings()))
        .doesNotContain("secretpassword", "rqXexS6ZhobKA", "abcdef", "no-colon-here");
  }

  @Test
  void the_first_line_of_a_user_wins_as_in_apache() {
    HtpasswdParser.Result result =
        HtpasswdParser.parse(
            Path.of("h"), List.of("a:" + SHA_OF_PW, "a:{SHA}other", "b:unknown", "b:" + SHA_OF_PW));

    assertThat(result.hashes()).containsExactly(java.util.Map.entry("a", SHA_OF_PW));
    assertThat(result.warnings()).hasSize(3).allMatch(w -> w.startsWith("h:"));
  }

  @Test
  void a_missing_file_lets_nobody_in_until_it_appears() throws Exception {
    Path file = dir.resolve("htpasswd");
    HtpasswdFile htpasswd = HtpasswdFile.watch(file, clock);
    assertThat(htpasswd.hashOf("admin")).isEmpty();

    Files.writeString(file, "admin:" + SHA_OF_PW + "\n");
    clock.advance(Duration.ofSeconds(1));

    assertThat(htpasswd.hashOf("admin")).contains(SHA_OF_PW);
  }

  @Test
  void looks_at_the_file_at_most_once_per_second() throws Exception {
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, "admin:" + SHA_OF_PW + "\n");
    HtpasswdFile htpasswd = HtpasswdFile.watch(file, clock);
    assertThat(htpasswd.hashOf("admin")).isPresent();

    Files.writeString(file, "other:" + SHA_OF_PW + "\n");
    clock.advance(Duration.ofMillis(999));
    assertThat(htpasswd.hashOf("admin")).as("not looked at yet").isPresent();

    clock.advance(Duration.ofMillis(1));
    assertThat(htpasswd.hashOf("admin")).isEmpty();
    assertThat(htpasswd.hashOf("other")).isPresent();
  }

  @Test
  void a_writer_that_just_replaced_the_file_gets_it_read_at_the_next_lookup() throws Exception {
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, "admin:" + SHA_OF_PW + "\n");
    HtpasswdFile htpasswd = HtpasswdFile.watch(file, clock);
    assertThat(htpasswd.hashOf("admin")).isPresent();
    Files.writeString(file, "other:" + SHA_OF_PW + "\n");
    assertThat(htpasswd.hashOf("admin")).as("within the second: not looked at").isPresent();

    htpasswd.recheckNow();

    assertThat(htpasswd.hashOf("admin")).as("same instant, read again").isEmpty();
    assertThat(htpasswd.hashOf("other")).isPresent();
  }

  @Test
  void reports_unsupported_lines_once_per_change_of_the_file() throws Exception {
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, "admin:plaintext\n");
    try (LogCapture log = new LogCapture()) {
      HtpasswdFile htpasswd = HtpasswdFile.watch(file, clock);
      for (int i = 0; i < 3; i++) {
        assertThat(htpasswd.hashOf("admin")).isEmpty();
        clock.advance(Duration.ofSeconds(2));
      }

      assertThat(log.messages())
          .filteredOn(m -> m.contains("warning:"))
          .containsExactly(
              file
                  + ":1: warning: user 'admin' has an unsupported hash format (expected bcrypt"
                  + " $2y$/$2a$/$2b$, $apr1$ or {SHA}); that user cannot log in");
      assertThat(String.join("\n", log.messages())).doesNotContain("plaintext");
    }
  }

  @Test
  void describes_itself_without_any_hash() throws Exception {
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, "admin:" + SHA_OF_PW + "\n");
    HtpasswdFile htpasswd = HtpasswdFile.watch(file, clock);
    htpasswd.hashOf("admin");

    assertThat(htpasswd).hasToString("htpasswd(" + file + ", users=1)");
  }
}
