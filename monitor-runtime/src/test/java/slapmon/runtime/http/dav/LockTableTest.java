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
    return new DavLock(token, path, key(path), infinite, exclusive, null, s,
        s < 0 ? null : T0.plusSeconds(s));
  }

  /** The real path of a URL path in these tests: the tree sits at /srv/dav. */
  private static String key(String path) {
    return path.equals("/") ? "/srv/dav" : "/srv/dav" + path;
  }

  @Test
  void a_lock_expires_when_its_timeout_has_passed() {
    LockTable before = new LockTable(Clock.fixed(T0.plusSeconds(59), ZoneOffset.UTC));
    before.add(lock("t1", "/a", false, true, 60));
    assertThat(before.covering("/a", key("/a"))).hasSize(1);
    LockTable after = new LockTable(Clock.offset(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(60)));
    after.add(lock("t1", "/a", false, true, 60));
    assertThat(after.covering("/a", key("/a"))).isEmpty();
  }

  @Test
  void exclusive_locks_conflict_and_shared_ones_stack() {
    LockTable table = new LockTable(Clock.fixed(T0, ZoneOffset.UTC));
    table.add(lock("s1", "/a", false, false, -1));
    table.add(lock("s2", "/a", false, false, -1));
    assertThatThrownBy(() -> table.add(lock("x1", "/a", false, true, -1)))
        .isInstanceOf(DavError.class).hasMessage("/a: already locked");
    assertThatThrownBy(() -> table.add(lock("x2", "/", true, true, -1)))
        .as("depth infinity over /a").isInstanceOf(DavError.class);
    assertThat(table.size()).isEqualTo(2);
  }

  @Test
  void a_depth_infinity_lock_needs_its_token_below_it() {
    LockTable table = new LockTable(Clock.fixed(T0, ZoneOffset.UTC));
    table.add(lock("t", "/c", true, true, -1));
    assertThatThrownBy(() -> LockTable.requireTokens(table.covering("/c/x", key("/c/x")), Set.of(), "/c/x"))
        .isInstanceOf(DavError.class).hasMessage("/c/x: locked");
    LockTable.requireTokens(table.covering("/c/x", key("/c/x")), Set.of("t"), "/c/x");
    assertThat(table.covering("/cd", key("/cd"))).isEmpty();
  }

  @Test
  void a_lock_taken_through_one_alias_covers_the_same_file_through_another() {
    LockTable table = new LockTable(Clock.fixed(T0, ZoneOffset.UTC));
    table.add(new DavLock("t", "/private/f", "/srv/private/f", false, true, null, -1, null));
    assertThat(table.covering("/jio_private/.jio_documents/f", "/srv/private/f")).hasSize(1);
    table.add(new DavLock("d", "/private/c", "/srv/private/c", true, true, null, -1, null));
    assertThat(table.covering("/jio_private/.jio_documents/c/x", "/srv/private/c/x"))
        .as("depth infinity through the other alias").hasSize(1);
    assertThatThrownBy(() -> table.add(
        new DavLock("u", "/jio_private/.jio_documents/f", "/srv/private/f", false, true, null, -1,
            null))).isInstanceOf(DavError.class).hasMessageContaining("already locked");
  }

  @Test
  void the_table_is_bounded_in_total_and_per_resource_and_expired_locks_make_room() {
    MutableClock clock = new MutableClock(T0);
    LockTable table = new LockTable(clock);
    for (int i = 0; i < LockTable.MAX_SHARED; i++) {
      table.add(lock("s" + i, "/shared", false, false, -1));
    }
    assertThatThrownBy(() -> table.add(lock("one-more", "/shared", false, false, -1)))
        .isInstanceOf(DavError.class).extracting(e -> ((DavError) e).status).isEqualTo(423);
    for (int i = LockTable.MAX_SHARED; i < LockTable.MAX_LOCKS; i++) {
      table.add(lock("t" + i, "/f" + i, false, true, 60));
    }
    assertThatThrownBy(() -> table.add(lock("full", "/other", false, true, -1)))
        .isInstanceOf(DavError.class).extracting(e -> ((DavError) e).status).isEqualTo(503);
    clock.now = T0.plusSeconds(60);
    table.add(lock("after-expiry", "/other", false, true, -1));
    assertThat(table.size()).isEqualTo(LockTable.MAX_SHARED + 1);
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
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
