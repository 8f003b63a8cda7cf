package slapmon.runtime.http.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import slapmon.runtime.http.cors.CorsPolicy;
import slapmon.runtime.json.Json;

/**
 * {@code POST /.slapmon/run[?title=TITLE]}: the dashboard's forced run of one promise or of all,
 * answered with their outcome once they are done. Must be wrapped in authentication. Against a
 * forged request from another site: POST only, the {@link #REQUIRED_HEADER} a plain form cannot
 * send (so a browser asks first, and a foreign origin is not allowed), and an {@code Origin} that is
 * neither this server nor one the CORS policy allows is refused. {@link ForcedRuns} bounds the runs
 * in flight; each runs on a thread of its own, never on the server's threads or the scheduler's.
 */
public final class ForcedRunHandler implements HttpHandler {
  public static final String PATH = "/.slapmon/run";
  public static final String REQUIRED_HEADER = "X-Requested-With";
  static final int MAX_TITLE_CHARS = 255;
  private static final HttpString RETRY_AFTER = new HttpString("Retry-After");

  private final PromiseTrigger trigger;
  private final Supplier<CorsPolicy> cors;
  private final ForcedRuns runs = new ForcedRuns();

  public ForcedRunHandler(PromiseTrigger trigger, Supplier<CorsPolicy> cors) {
    this.trigger = trigger;
    this.cors = cors;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
      refuse(exchange, 405, "a forced run is a POST");
      return;
    }
    if (exchange.getRequestHeaders().getFirst(REQUIRED_HEADER) == null) {
      refuse(exchange, 403, "a forced run needs the header " + REQUIRED_HEADER);
      return;
    }
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (origin != null && !sameOrigin(exchange, origin) && cors.get().allow(origin).isEmpty()) {
      refuse(exchange, 403, "origin not allowed: " + origin);
      return;
    }
    Optional<String> title;
    try {
      title = title(exchange.getQueryParameters());
    } catch (IllegalArgumentException e) {
      refuse(exchange, 400, e.getMessage());
      return;
    }
    Optional<ForcedRuns.Refusal> refusal = runs.start(title);
    if (refusal.isPresent()) {
      if (refusal.get().status() == 429) {
        exchange.getResponseHeaders().put(RETRY_AFTER, "10");
      }
      refuse(exchange, refusal.get().status(), refusal.get().reason());
      return;
    }
    Thread thread = new Thread(() -> run(exchange, title), "slapmon-forced-run");
    thread.setDaemon(true);
    exchange.dispatch(SameThreadExecutor.INSTANCE, thread::start);
  }

  private void run(HttpServerExchange exchange, Optional<String> title) {
    PromiseTrigger.Answer answer;
    try {
      answer = trigger.run(title);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = error(503, "the monitor is stopping");
    } catch (Exception e) {
      answer = error(500, "the run failed: " + e.getMessage());
    } finally {
      runs.done(title);
    }
    send(exchange, answer);
  }

  /** The one optional {@code title}, not empty. */
  static Optional<String> title(Map<String, Deque<String>> query) {
    for (String name : query.keySet()) {
      if (!name.equals("title")) {
        throw new IllegalArgumentException("unknown parameter: " + name);
      }
    }
    Deque<String> titles = query.get("title");
    if (titles == null) {
      return Optional.empty();
    }
    if (titles.size() != 1 || titles.getFirst().isBlank()
        || titles.getFirst().length() > MAX_TITLE_CHARS) {
      throw new IllegalArgumentException(
          "title must be given once, not empty, at most " + MAX_TITLE_CHARS + " characters");
    }
    return Optional.of(titles.getFirst());
  }

  /** The page was served by this server: the origin names the host the request was sent to. */
  static boolean sameOrigin(HttpServerExchange exchange, String origin) {
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    try {
      URI uri = new URI(origin);
      return host != null && "https".equals(uri.getScheme()) && uri.getRawAuthority() != null
          && uri.getRawAuthority().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static void refuse(HttpServerExchange exchange, int status, String reason) {
    send(exchange, error(status, reason));
  }

  static PromiseTrigger.Answer error(int status, String reason) {
    return new PromiseTrigger.Answer(status, Json.bytes(Map.of("error", reason)));
  }

  private static void send(HttpServerExchange exchange, PromiseTrigger.Answer answer) {
    exchange.setStatusCode(answer.status());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(ByteBuffer.wrap(answer.json()));
  }

  @Override
  public String toString() {
    return "forced-run(" + PATH + ")";
  }
}
