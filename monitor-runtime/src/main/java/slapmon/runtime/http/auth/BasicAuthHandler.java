package slapmon.runtime.http.auth;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import slapmon.runtime.http.auth.SlowCheckGate.Lane;

/**
 * Lets a request through to {@code next} only with a valid {@code Authorization: Basic} header,
 * answering 401 with a UTF-8 Basic challenge otherwise; the authenticated user is attached under
 * {@link #USER}. The right password is never refused for others' wrong ones: a credential verified
 * recently passes at once, any other is checked through the {@link SlowCheckGate} (429 only while
 * its lane is full), and the {@link FailureThrottle} only answers wrong passwords, with 429 and
 * {@code Retry-After} once a (user, address) pair failed too often.
 */
public final class BasicAuthHandler implements HttpHandler {
  /** The name of the user who sent the request, set before {@code next} runs. */
  public static final AttachmentKey<String> USER = AttachmentKey.create(String.class);

  private static final System.Logger LOG = System.getLogger("slapmon.http.auth");
  /** What a client finding the slow checks busy is asked to wait, in seconds. */
  static final String BUSY_RETRY_AFTER = "1";

  private final HttpHandler next;
  private final CredentialVerifier verifier;
  private final FailureThrottle throttle;
  private final SlowCheckGate gate;
  private final String challenge;
  private final String realm;

  /** Guards {@code next} with the users of {@code verifier}, under {@code realm}. */
  public BasicAuthHandler(
      HttpHandler next,
      CredentialVerifier verifier,
      FailureThrottle throttle,
      SlowCheckGate gate,
      String realm) {
    this.next = next;
    this.verifier = verifier;
    this.throttle = throttle;
    this.gate = gate;
    this.realm = realm;
    this.challenge = "Basic realm=\"" + quoted(realm) + "\", charset=\"UTF-8\"";
  }

  private static String quoted(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this); // bcrypt must not block an I/O thread
      return;
    }
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    Optional<BasicCredentials> parsed = BasicCredentials.parse(header);
    if (parsed.isEmpty()) {
      challenge(exchange);
      return;
    }
    String address = addressOf(exchange);
    String user = parsed.get().user();
    try (BasicCredentials credentials = parsed.get()) {
      char[] password = credentials.password();
      if (!verifier.verifiedRecently(user, password)) {
        Lane lane = throttle.suspect(user, address) ? Lane.SUSPECT : Lane.CLEAR;
        Optional<Boolean> verified = gate.check(lane, () -> verifier.verify(user, password));
        if (verified.isEmpty()) {
          busy(exchange, address, lane);
          return;
        }
        if (!verified.get()) {
          refuse(exchange, address, user);
          return;
        }
      }
    }
    throttle.succeeded(user, address);
    exchange.putAttachment(USER, user);
    next.handleRequest(exchange);
  }

  private void busy(HttpServerExchange exchange, String address, Lane lane) {
    LOG.log(
        Level.INFO,
        "event=auth-busy realm=\"" + realm + "\" address=" + address + " lane=" + lane
            + " (password checks full; asked to retry)");
    tooMany(exchange, BUSY_RETRY_AFTER);
  }

  private void refuse(HttpServerExchange exchange, String address, String user) {
    Duration delay = throttle.failed(user, address);
    String who = verifier.knows(user) ? printable(user) : "<unknown>"; // maybe a mistyped password
    String throttled = delay.isZero() ? "" : " throttled_for=" + delay.toSeconds() + "s";
    LOG.log(
        Level.INFO,
        "event=auth-failed realm=\"" + realm + "\" user=" + who + " address=" + address + throttled);
    if (delay.isZero()) {
      challenge(exchange);
    } else {
      tooMany(exchange, Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000)));
    }
  }

  private static void tooMany(HttpServerExchange exchange, String retryAfterSeconds) {
    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
    exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
    exchange.endExchange();
  }

  private void challenge(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, challenge);
    exchange.setStatusCode(StatusCodes.UNAUTHORIZED);
    exchange.endExchange();
  }

  private static String addressOf(HttpServerExchange exchange) {
    InetSocketAddress source = exchange.getSourceAddress();
    if (source == null || source.getAddress() == null) {
      return "unknown";
    }
    return source.getAddress().getHostAddress();
  }

  private static String printable(String user) {
    String clean =
        user.codePoints()
            .limit(64)
            .map(c -> Character.isISOControl(c) || c == ' ' || c == '"' ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return "\"" + clean + "\"";
  }

  @Override
  public String toString() {
    return "basic-auth(realm=\"" + realm + "\", " + verifier + ", " + gate + ") -> " + next;
  }
}
