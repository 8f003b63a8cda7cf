package slapmon.runtime.http.dav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class LockTableTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static DavLock lock(String token, String path, boolean infinite, boolean exclusive, long s) {
    return new DavLock(token, path, infinite, exclusive, null, s, s < 0 ? null : T0.plusSeconds(s));
  }

  @Test
  void a_lock_expires_when_its_timeout_has_passed() {
    LockTable before = new LockTable(Clock.fixed(T0.plusSeconds(59), ZoneOffset.UTC));
    before.add(lock("t1", "/a", false, true, 60));
    assertThat(before.covering("/a")).hasSize(1);
    LockTable after = new LockTable(Clock.offset(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(60)));
    after.add(lock("t1", "/a", false, true, 60));
    assertThat(after.covering("/a")).isEmpty();
  }

  @Test
  void exclusive_locks_conflict_and_shared_ones_stack() {
    LockTable table = new LockTable(Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(table.add(lock("s1", "/a", false, false, -1))).isTrue();
    assertThat(table.add(lock("s2", "/a", false, false, -1))).isTrue();
    assertThat(table.add(lock("x1", "/a", false, true, -1))).isFalse();
    assertThat(table.add(lock("x2", "/", true, true, -1))).as("depth infinity over /a").isFalse();
  }

  @Test
  void a_depth_infinity_lock_needs_its_token_below_it() {
    LockTable table = new LockTable(Clock.fixed(T0, ZoneOffset.UTC));
    table.add(lock("t", "/c", true, true, -1));
    assertThatThrownBy(() -> LockTable.requireTokens(table.covering("/c/x"), Set.of(), "/c/x"))
        .isInstanceOf(DavError.class).hasMessage("/c/x: locked");
    LockTable.requireTokens(table.covering("/c/x"), Set.of("t"), "/c/x");
    assertThat(table.covering("/cd")).isEmpty();
  }

  @Test
  void if_header_lists_are_ored_and_conditions_anded() {
    IfHeader h = IfHeader.parse("<http://h/share/a> (<opaquelocktoken:1> [\"e\"]) (Not <DAV:no-lock>)");
    assertThat(h.clauses).hasSize(2);
    assertThat(h.tokens()).containsExactly("opaquelocktoken:1");
    assertThat(h.holds((tag, c) -> false)).as("Not of a false condition holds").isTrue();
    assertThatThrownBy(() -> IfHeader.parse("(<unterminated"))
        .isInstanceOf(DavError.class);
  }
}
