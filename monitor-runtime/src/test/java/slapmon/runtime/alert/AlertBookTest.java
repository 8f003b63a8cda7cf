package slapmon.runtime.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import slapmon.runtime.process.NagiosStatus;
import slapmon.runtime.promise.PromiseRun;

/** Which runs make an alert fire, change and resolve, and what each Alertmanager is owed. */
final class AlertBookTest {
  private static final URI ONE = URI.create("http://127.0.0.1:1");
  private static final URI TWO = URI.create("http://127.0.0.1:2");
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final AlertIdentity IDENTITY =
      new AlertIdentity(
          "Webrunner-0", "My Webrunner", Optional.of("slappart7"), Optional.of("COMP-1"),
          URI.create("https://[2001:db8::7]:8196"));

  private final AlertBook book =
      new AlertBook(
          IDENTITY, title -> title.equals("flappy") ? 3 : 1, List.of(ONE, TWO),
          Clock.fixed(T0, ZoneOffset.UTC));

  private static PromiseRun run(String title, int minute, NagiosStatus status) {
    return new PromiseRun(
        title, T0.plusSeconds(60L * minute), status != NagiosStatus.OK, status, "says " + status);
  }

  @Test
  void a_failure_fires_with_the_labels_and_links_of_the_monitor() {
    book.ran(run("check site", 1, NagiosStatus.CRITICAL));

    List<AlertBook.Sent> due = book.due(ONE, false);
    assertThat(due).hasSize(1);
    Alert alert = due.get(0).alert();
    assertThat(alert.labels())
        .isEqualTo(
            Map.of(
                "alertname", "PromiseFailed", "promise", "check site", "severity", "critical",
                "title", "Webrunner-0", "root_title", "My Webrunner", "partition", "slappart7",
                "computer", "COMP-1"));
    assertThat(alert.annotations())
        .containsEntry("message", "says CRITICAL")
        .containsEntry("status", "CRITICAL")
        .containsEntry("dashboard", "https://[2001:db8::7]:8196/")
        .containsEntry(
            "status_url", "https://[2001:db8::7]:8196/public/check%20site.status.json");
    assertThat(alert.startsAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(alert.firing()).isTrue();
  }

  @Test
  void the_threshold_counts_failed_runs_in_a_row() {
    book.ran(run("flappy", 1, NagiosStatus.CRITICAL));
    book.ran(run("flappy", 2, NagiosStatus.CRITICAL));
    book.ran(run("flappy", 3, NagiosStatus.OK));
    book.ran(run("flappy", 4, NagiosStatus.CRITICAL));
    book.ran(run("flappy", 5, NagiosStatus.CRITICAL));
    assertThat(book.due(ONE, true)).isEmpty();

    book.ran(run("flappy", 6, NagiosStatus.WARNING));
    List<AlertBook.Sent> due = book.due(ONE, false);
    assertThat(due).hasSize(1);
    // Since the first failed run of the streak.
    assertThat(due.get(0).alert().startsAt()).isEqualTo(T0.plusSeconds(4 * 60));
    assertThat(due.get(0).alert().labels()).containsEntry("severity", "warning");
  }

  @Test
  void each_alertmanager_is_owed_until_it_took_the_alert_and_resolved_ones_then_go() {
    book.ran(run("disk", 1, NagiosStatus.CRITICAL));
    book.delivered(ONE, book.due(ONE, false));
    assertThat(book.due(ONE, false)).isEmpty();
    assertThat(book.due(ONE, true)).hasSize(1); // firing: sent again on each resend
    assertThat(book.due(TWO, false)).hasSize(1);

    book.ran(run("disk", 2, NagiosStatus.OK));
    List<AlertBook.Sent> resolved = book.due(ONE, false);
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).alert().resolvedAt()).contains(T0.plusSeconds(120));
    book.delivered(ONE, resolved);
    assertThat(book.size()).isEqualTo(1);
    book.delivered(TWO, book.due(TWO, false));
    assertThat(book.size()).isZero();
  }

  @Test
  void a_delivery_of_an_older_version_leaves_the_newer_one_owed() {
    book.ran(run("disk", 1, NagiosStatus.CRITICAL));
    List<AlertBook.Sent> firing = book.due(ONE, false);
    book.ran(run("disk", 2, NagiosStatus.OK));
    book.delivered(ONE, firing);
    assertThat(book.due(ONE, false)).singleElement()
        .satisfies(sent -> assertThat(sent.alert().firing()).isFalse());
  }

  @Test
  void another_severity_resolves_the_old_alert_and_fires_a_new_one() {
    book.ran(run("disk", 1, NagiosStatus.WARNING));
    book.ran(run("disk", 2, NagiosStatus.CRITICAL));
    assertThat(book.due(ONE, false))
        .extracting(sent -> sent.alert().labels().get("severity") + " " + sent.alert().firing())
        .containsExactlyInAnyOrder("warning false", "critical true");
  }

  @Test
  void a_retired_promise_resolves_its_alert() {
    book.ran(run("gone", 1, NagiosStatus.CRITICAL));
    book.retired("gone");
    assertThat(book.due(ONE, false)).singleElement()
        .satisfies(sent -> assertThat(sent.alert().resolvedAt()).contains(T0));
  }

  @Test
  void memory_is_bounded_however_long_every_alertmanager_is_down() {
    for (int i = 0; i < AlertBook.MAX_ALERTS + 50; i++) {
      book.ran(run("p" + i, 1, NagiosStatus.CRITICAL));
    }
    // The same failures and recoveries again and again add nothing.
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 100; i++) {
        book.ran(run("p" + i, 2 + round, round % 2 == 0 ? NagiosStatus.OK : NagiosStatus.CRITICAL));
      }
    }
    assertThat(book.size()).isEqualTo(AlertBook.MAX_ALERTS);
    assertThat(book.dropped()).isEqualTo(50);
  }
}
