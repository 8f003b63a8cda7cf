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

/**
 * Lets a request through to {@code next} only with a valid {@code Authorization: Basic} header,
 * answering 401 with a UTF-8 Basic challenge otherwise and 429 while the client's address is
 * throttled; the authenticated user is attached under {@link #USER}.
 */
public final class BasicAuthHandler implements HttpHandler {
  /** The name of the user who sent the request, set before {@code next} runs. */
  public static final AttachmentKey<String> USER = AttachmentKey.create(String.class);

  private static final System.Logger LOG = System.getLogger("slapmon.http.auth");

  private final HttpHandler next;
  private final CredentialVerifier verifier;
  private final FailureThrottle throttle;
  private final String challenge;
  private final String realm;

  /** Guards {@code next} with the users of {@code verifier}, under {@code realm}. */
  public BasicAuthHandler(
      HttpHandler next, CredentialVerifier verifier, FailureThrottle throttle, String realm) {
    this.next = next;
    this.verifier = verifier;
    this.throttle = throttle;
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
    String address = addressOf(exchange);
    Duration wait = throttle.retryAfter(address);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
      exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
      exchange.endExchange();
      return;
    }
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    Optional<BasicCredentials> parsed = BasicCredentials.parse(header);
    if (parsed.isEmpty()) {
      challenge(exchange);
      return;
    }
    String user;
    try (BasicCredentials credentials = parsed.get()) {
      user = credentials.user();
      if (!verifier.verify(user, credentials.password())) {
        refuse(exchange, address, user);
        return;
      }
    }
    throttle.succeeded(address);
    exchange.putAttachment(USER, user);
    next.handleRequest(exchange);
  }

  private void refuse(HttpServerExchange exchange, String address, String user) {
    Duration delay = throttle.failed(address);
    String who = verifier.knows(user) ? printable(user) : "<unknown>"; // maybe a mistyped password
    String throttled = delay.isZero() ? "" : " throttled_for=" + delay.toSeconds() + "s";
    LOG.log(
        Level.INFO,
        "event=auth-failed realm=\"" + realm + "\" user=" + who + " address=" + address + throttled);
    challenge(exchange);
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
    return "basic-auth(realm=\"" + realm + "\", " + verifier + ") -> " + next;
  }
}
