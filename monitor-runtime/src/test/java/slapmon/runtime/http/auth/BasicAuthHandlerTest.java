package slapmon.runtime.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
final class BasicAuthHandlerTest {
  private static final String PASSWORD = "corr3ct:horse ä";
  private static final String CHALLENGE = "Basic realm=\"Private access\", charset=\"UTF-8\"";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final HttpClient client = HttpClient.newHttpClient();
  private BasicAuthHandler handler;
  private Undertow server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    HttpHandler hello =
        exchange ->
            exchange
                .getResponseSender()
                .send("hello " + exchange.getAttachment(BasicAuthHandler.USER));
    CredentialVerifier verifier = CredentialVerifier.of(HtpasswdFile.watch(file, clock), clock);
    handler = new BasicAuthHandler(hello, verifier, new FailureThrottle(clock), "Private access");
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    uri = URI.create("http://127.0.0.1:" + address.getPort() + "/private/x");
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> get(String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    byte[] bytes = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void asks_for_credentials_with_a_utf8_basic_challenge() throws Exception {
    HttpResponse<String> response = get(null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(CHALLENGE);
  }

  @Test
  void lets_the_right_password_through_and_names_the_user() throws Exception {
    HttpResponse<String> response = get(basic("admin", PASSWORD));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("hello admin");
  }

  @Test
  void refuses_a_wrong_password_or_an_unknown_user() throws Exception {
    assertThat(get(basic("admin", "wrong")).statusCode()).isEqualTo(401);
    assertThat(get(basic("root", PASSWORD)).statusCode()).isEqualTo(401);
    assertThat(get("Basic not-base64!").statusCode()).isEqualTo(401);
  }

  @Test
  void answers_429_while_an_address_is_throttled_even_with_the_right_password() throws Exception {
    for (int i = 0; i < 6; i++) {
      assertThat(get(basic("admin", "guess" + i)).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> throttled = get(basic("admin", PASSWORD));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).contains("1");

    clock.advance(Duration.ofSeconds(1));
    assertThat(get(basic("admin", PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(get(basic("admin", "wrong")).statusCode()).as("the success reset it").isEqualTo(401);
  }

  @Test
  void never_logs_the_password_or_the_authorization_header() throws Exception {
    String wrong = "not-the-pw-" + PASSWORD;
    try (LogCapture log = new LogCapture()) {
      get(basic("admin", PASSWORD));
      get(basic(PASSWORD, PASSWORD)); // a password typed into the user field
      for (int i = 0; i < 6; i++) {
        get(basic("admin", wrong));
      }

      String all = String.join("\n", log.messages());
      assertThat(all)
          .contains("event=auth-failed", "user=\"admin\"", "throttled_for=1s", "user=<unknown>");
      assertThat(all)
          .doesNotContain(PASSWORD, wrong, basic("admin", PASSWORD).substring(6))
          .doesNotContain(basic("admin", wrong).substring(6));
    }
    assertThat(handler.toString())
        .startsWith("basic-auth(realm=\"Private access\", credentials(htpasswd(")
        .doesNotContain(PASSWORD);
  }
}
