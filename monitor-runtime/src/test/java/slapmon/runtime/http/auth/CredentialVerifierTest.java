package slapmon.runtime.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
final class CredentialVerifierTest {
  private static final String PASSWORD = "s3cr:et$pw ä";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final AtomicInteger bcryptCalls = new AtomicInteger();
  private final List<String> bcryptHashes = new CopyOnWriteArrayList<>();

  private CredentialVerifier verifierFor(Path file) {
    BcryptCheck favre = BcryptCheck.favre();
    BcryptCheck counting =
        (password, hash) -> {
          bcryptCalls.incrementAndGet();
          bcryptHashes.add(hash);
          return favre.matches(password, hash);
        };
    return new CredentialVerifier(HtpasswdFile.watch(file, clock), clock, counting);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-B", "-m", "-s"})
  void accepts_the_right_password_written_by_apache_htpasswd(String format) throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, format, "admin", PASSWORD);
    CredentialVerifier verifier = verifierFor(file);

    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(verifier.verify("admin", "s3cr:et$pw".toCharArray())).isFalse();
    assertThat(verifier.verify("admin", new char[0])).isFalse();
    assertThat(verifier.verify("nobody", PASSWORD.toCharArray())).isFalse();
    assertThat(verifier.verify("Admin", PASSWORD.toCharArray())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"$2a$", "$2b$"})
  void accepts_bcrypt_variants_of_the_same_hash(String prefix) throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    String hash = ApacheHtpasswd.hashOf(file, "admin");
    assertThat(hash).startsWith("$2y$05$");
    Files.writeString(file, "admin:" + prefix + hash.substring(4) + "\n");
    CredentialVerifier verifier = verifierFor(file);

    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(verifier.verify("admin", "wrong".toCharArray())).isFalse();
  }

  @Test
  void reads_bcrypt_passwords_longer_than_72_bytes_as_apache_does() throws Exception {
    Path file = dir.resolve("htpasswd");
    String longPassword = "x".repeat(80);
    ApacheHtpasswd.set(file, "-B", "admin", longPassword);
    CredentialVerifier verifier = verifierFor(file);

    assertThat(verifier.verify("admin", longPassword.toCharArray())).isTrue();
    assertThat(verifier.verify("admin", "x".repeat(72).toCharArray())).isTrue();
    assertThat(verifier.verify("admin", "x".repeat(71).toCharArray())).isFalse();
  }

  @Test
  void sees_users_added_and_passwords_changed_without_restart() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", "first");
    CredentialVerifier verifier = verifierFor(file);
    assertThat(verifier.verify("admin", "first".toCharArray())).isTrue();

    ApacheHtpasswd.set(file, "-m", "bob", "bobs");
    ApacheHtpasswd.set(file, "-B", "admin", "second");
    clock.advance(Duration.ofSeconds(1));

    assertThat(verifier.verify("bob", "bobs".toCharArray())).isTrue();
    assertThat(verifier.verify("admin", "second".toCharArray())).isTrue();
    assertThat(verifier.verify("admin", "first".toCharArray())).isFalse();
  }

  @Test
  void a_deleted_file_lets_nobody_in() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-s", "admin", PASSWORD);
    CredentialVerifier verifier = verifierFor(file);
    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();

    Files.delete(file);
    clock.advance(Duration.ofSeconds(1));

    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isFalse();
  }

  @Test
  void pays_bcrypt_once_per_credential_while_cached() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    CredentialVerifier verifier = verifierFor(file);

    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(bcryptCalls).hasValue(1);

    assertThat(verifier.verify("admin", "wrong".toCharArray())).isFalse();
    assertThat(verifier.verify("admin", "wrong".toCharArray())).isFalse();
    assertThat(bcryptCalls).as("failures are never cached").hasValue(3);
  }

  @Test
  void an_unknown_user_costs_one_bcrypt_at_the_cost_render_uses() throws Exception {
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, BcryptLine.of("admin", PASSWORD, new SecureRandom()) + "\n");
    CredentialVerifier verifier = verifierFor(file);
    String cost = "$2y$" + BcryptLine.COST + "$";

    assertThat(verifier.verify("admin", "wrong".toCharArray())).isFalse();
    assertThat(verifier.verify("nobody", "wrong".toCharArray())).isFalse();
    assertThat(verifier.verify("nobody", PASSWORD.toCharArray())).isFalse();

    assertThat(bcryptCalls).hasValue(3);
    assertThat(bcryptHashes).allSatisfy(hash -> assertThat(hash).startsWith(cost));
    assertThat(bcryptHashes.get(1)).as("a stand-in hash").isNotEqualTo(bcryptHashes.get(0));
  }

  @Test
  void verified_recently_only_looks_at_the_cache() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    CredentialVerifier verifier = verifierFor(file);

    assertThat(verifier.verifiedRecently("admin", PASSWORD.toCharArray())).isFalse();
    assertThat(verifier.verifiedRecently("nobody", PASSWORD.toCharArray())).isFalse();
    assertThat(bcryptCalls).hasValue(0);

    verifier.verify("admin", PASSWORD.toCharArray());
    assertThat(verifier.verifiedRecently("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(verifier.verifiedRecently("admin", "wrong".toCharArray())).isFalse();
    assertThat(bcryptCalls).hasValue(1);
  }

  @Test
  void cache_entries_expire() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    CredentialVerifier verifier = verifierFor(file);
    verifier.verify("admin", PASSWORD.toCharArray());

    clock.advance(CredentialVerifier.CACHE_LIFETIME.minusSeconds(1));
    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(bcryptCalls).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(bcryptCalls).hasValue(2);
  }

  @Test
  void a_changed_hash_line_misses_the_cache_even_with_the_same_password() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    CredentialVerifier verifier = verifierFor(file);
    verifier.verify("admin", PASSWORD.toCharArray());

    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD); // new salt, same password
    clock.advance(Duration.ofSeconds(1));

    assertThat(verifier.verify("admin", PASSWORD.toCharArray())).isTrue();
    assertThat(bcryptCalls).hasValue(2);
  }

  @Test
  void the_cache_is_bounded() {
    VerifiedCredentials cache = new VerifiedCredentials(clock, 3, Duration.ofMinutes(10));
    for (int i = 0; i < 5; i++) {
      cache.add(cache.keyOf("user" + i, new byte[] {1}, "h"));
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.contains(cache.keyOf("user0", new byte[] {1}, "h"))).isFalse();
    assertThat(cache.contains(cache.keyOf("user4", new byte[] {1}, "h"))).isTrue();
  }

  @Test
  void cache_keys_do_not_run_fields_together() {
    VerifiedCredentials cache = new VerifiedCredentials(clock, 3, Duration.ofMinutes(10));
    byte[] ab = {'b', 'c'};
    byte[] c = {'c'};
    assertThat(cache.keyOf("ab", c, "h")).isNotEqualTo(cache.keyOf("a", ab, "h"));
  }

  @Test
  void no_description_ever_shows_the_password() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    CredentialVerifier verifier = verifierFor(file);
    verifier.verify("admin", PASSWORD.toCharArray());
    String hash = ApacheHtpasswd.hashOf(file, "admin");

    assertThat(verifier.toString())
        .startsWith("credentials(htpasswd(")
        .contains("users=1", "size=1")
        .doesNotContain(PASSWORD, hash);
  }
}
