package slapmon.runtime.alert;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import slapmon.runtime.log.LogText;
import slapmon.runtime.task.Ticker;

/**
 * One step of the push, every second on a thread of its own: to each Alertmanager, what the book
 * owes it, and every firing alert once per resend interval (each then ends {@link
 * #LIFETIME_RESENDS} intervals later unless sent again, as Prometheus does, well within Alertmanager's
 * resolve_timeout). All Alertmanagers are posted to at once. One that does not take a post is
 * tried again after a back-off that doubles up to {@link #MAX_BACKOFF} (the resend interval when
 * shorter); what it was owed stays owed. Its going down and coming back are each logged once.
 */
final class AlertPusher {
  static final int LIFETIME_RESENDS = 4;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final System.Logger LOG = System.getLogger("slapmon.alert");
  /** Beyond the client's own timeouts: a post that has not ended by then is abandoned. */
  private static final Duration ANSWER_LIMIT =
      AlertmanagerClient.CONNECT_TIMEOUT.plus(AlertmanagerClient.REQUEST_TIMEOUT).plusSeconds(5);

  private final AlertBook book;
  private final AlertmanagerClient client;
  private final Duration resend;
  private final Ticker ticker;
  private final Clock clock;
  private final Map<URI, Target> targets = new LinkedHashMap<>();
  private final AtomicLong failedPosts = new AtomicLong();

  /** One Alertmanager's delivery state; the pusher's thread only. */
  private static final class Target {
    Long lastResend;
    Long retryAt;
    Duration backoff = FIRST_BACKOFF;
    int failures;
  }

  private record Attempt(
      URI url, Target target, List<AlertBook.Sent> due, boolean resend,
      CompletableFuture<Integer> status) {}

  AlertPusher(
      AlertBook book,
      AlertmanagerClient client,
      List<URI> urls,
      Duration resend,
      Ticker ticker,
      Clock clock) {
    this.book = book;
    this.client = client;
    this.resend = resend;
    this.ticker = ticker;
    this.clock = clock;
    urls.forEach(url -> targets.put(url, new Target()));
  }

  /** How many posts got no acceptable answer so far. */
  long failedPosts() {
    return failedPosts.get();
  }

  void push() throws InterruptedException {
    long now = ticker.nanos();
    Duration lifetime = resend.multipliedBy(LIFETIME_RESENDS);
    List<Attempt> attempts = new java.util.ArrayList<>();
    for (Map.Entry<URI, Target> entry : targets.entrySet()) {
      Target target = entry.getValue();
      if (target.retryAt != null && now - target.retryAt < 0) {
        continue;
      }
      boolean resendNow = target.lastResend == null || now - target.lastResend >= resend.toNanos();
      List<AlertBook.Sent> due = book.due(entry.getKey(), resendNow);
      if (due.isEmpty()) {
        if (resendNow) {
          target.lastResend = now;
        }
        continue;
      }
      List<Alert> alerts = due.stream().map(AlertBook.Sent::alert).toList();
      attempts.add(
          new Attempt(
              entry.getKey(), target, due, resendNow,
              client.post(entry.getKey(), alerts, lifetime, clock.instant())));
    }
    for (Attempt attempt : attempts) {
      settle(attempt, now);
    }
  }

  private void settle(Attempt attempt, long now) throws InterruptedException {
    int status;
    try {
      status = attempt.status().get(ANSWER_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      failed(attempt, now, String.valueOf(e.getCause()));
      return;
    } catch (TimeoutException e) {
      attempt.status().cancel(true);
      failed(attempt, now, "no answer within " + ANSWER_LIMIT.toSeconds() + " s");
      return;
    }
    if (status / 100 == 2 || status == 400 || status == 422) {
      if (status / 100 != 2) {
        // The alerts themselves were refused: sending them again would be refused again.
        LOG.log(
            Level.ERROR,
            "event=alerts-refused url=" + shown(attempt.url()) + " status=" + status
                + " alerts=" + attempt.due().size());
      }
      book.delivered(attempt.url(), attempt.due());
      if (attempt.resend()) {
        attempt.target().lastResend = now;
      }
      reachable(attempt);
    } else {
      failed(attempt, now, "HTTP status " + status);
    }
  }

  private void reachable(Attempt attempt) {
    Target target = attempt.target();
    if (target.failures > 0) {
      LOG.log(
          Level.INFO,
          "event=alertmanager-reachable url=" + shown(attempt.url())
              + " failed-posts=" + target.failures);
    }
    target.failures = 0;
    target.retryAt = null;
    target.backoff = FIRST_BACKOFF;
  }

  private void failed(Attempt attempt, long now, String reason) {
    failedPosts.incrementAndGet();
    Target target = attempt.target();
    if (target.failures++ == 0) {
      LOG.log(
          Level.WARNING,
          "event=alertmanager-unreachable url=" + shown(attempt.url())
              + " error=" + LogText.bounded(reason) + " action=retry");
    }
    target.retryAt = now + target.backoff.toNanos();
    Duration cap = resend.compareTo(MAX_BACKOFF) < 0 ? resend : MAX_BACKOFF;
    Duration doubled = target.backoff.multipliedBy(2);
    target.backoff = doubled.compareTo(cap) > 0 ? cap : doubled;
  }

  /** The URL without any user information it may hold. */
  static String shown(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority().replaceFirst("^.*@", "")
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
