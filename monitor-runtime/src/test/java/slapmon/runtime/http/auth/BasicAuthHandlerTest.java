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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.auth.SlowCheckGate.Lane;

@Timeout(20)
final class BasicAuthHandlerTest {
  private static final String PASSWORD = "corr3ct:horse ä";
  private static final String BOB_PASSWORD = "bobs own";
  private static final String CHALLENGE = "Basic realm=\"Private access\", charset=\"UTF-8\"";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final HttpClient client = HttpClient.newHttpClient();
  private final HeldBcrypt bcrypt = new HeldBcrypt();
  private final SlowCheckGate gate = new SlowCheckGate();
  private BasicAuthHandler handler;
  private Undertow server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    Path file = dir.resolve("htpasswd");
    ApacheHtpasswd.set(file, "-B", "admin", PASSWORD);
    ApacheHtpasswd.set(file, "-B", "bob", BOB_PASSWORD);
    HttpHandler hello =
        exchange ->
            exchange
                .getResponseSender()
                .send("hello " + exchange.getAttachment(BasicAuthHandler.USER));
    CredentialVerifier verifier =
        new CredentialVerifier(HtpasswdFile.watch(file, clock), clock, bcrypt);
    handler =
        new BasicAuthHandler(hello, verifier, new FailureThrottle(clock), gate, "Private access");
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    uri = URI.create("http://127.0.0.1:" + address.getPort() + "/private/x");
  }

  @AfterEach
  void stop() {
    bcrypt.release();
    server.stop();
  }

  private HttpResponse<String> get(String authorization) throws Exception {
    return client.send(request(authorization), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> getLater(String authorization) {
    return client.sendAsync(request(authorization), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  /** Waits (bounded) until {@code lane} holds {@code count} checks, each held in bcrypt or queued. */
  private void awaitInFlight(Lane lane, int count) throws InterruptedException {
    for (int i = 0; i < 1_000 && gate.inFlight(lane) < count; i++) {
      Thread.sleep(10);
    }
    assertThat(gate.inFlight(lane)).as("checks in the %s lane", lane).isEqualTo(count);
  }

  /** The real bcrypt, which a test can hold: checks then wait in it until released. */
  private static final class HeldBcrypt implements BcryptCheck {
    private final BcryptCheck favre = BcryptCheck.favre();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile CountDownLatch held = new CountDownLatch(0);

    void hold() {
      held = new CountDownLatch(1);
    }

    void release() {
      held.countDown();
    }

    @Override
    public boolean matches(byte[] password, String hash) {
      calls.incrementAndGet();
      try {
        if (!held.await(15, TimeUnit.SECONDS)) {
          throw new IllegalStateException("bcrypt held for 15 s: the test never released it");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return favre.matches(password, hash);
    }
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
  void answers_wrong_passwords_past_five_with_429_and_retry_after() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(get(basic("admin", "guess" + i)).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> throttled = get(basic("admin", "guess5"));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
    assertThat(get(basic("admin", "guess6")).headers().firstValue("Retry-After")).contains("2");

    assertThat(get(basic("admin", PASSWORD)).statusCode()).isEqualTo(200);
    assertThat(get(basic("admin", "wrong")).statusCode()).as("the success reset it").isEqualTo(401);
  }

  @Test
  void the_right_password_passes_between_many_wrong_ones_from_the_same_address() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(get(basic("admin", "guess" + i)).statusCode()).isIn(401, 429);
    }
    assertThat(get(basic("bob", BOB_PASSWORD)).statusCode())
        .as("another user, never verified before, from the same address")
        .isEqualTo(200);
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 10; i++) {
        assertThat(get(basic("admin", "round" + round + "-" + i)).statusCode()).isIn(401, 429);
      }
      assertThat(get(basic("admin", PASSWORD)).statusCode()).as("round %d", round).isEqualTo(200);
      clock.advance(Duration.ofSeconds(1)); // the guesses go on at about ten a second
    }
  }

  @Test
  void a_recently_verified_password_passes_while_the_slow_checks_are_full() throws Exception {
    assertThat(get(basic("admin", PASSWORD)).statusCode()).isEqualTo(200);
    bcrypt.hold();
    List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
    for (int i = 0; i < SlowCheckGate.RUNNING_PER_LANE + SlowCheckGate.WAITING_PER_LANE; i++) {
      guesses.add(getLater(basic("admin", "guess" + i)));
      awaitInFlight(Lane.CLEAR, i + 1);
    }

    HttpResponse<String> busy = get(basic("admin", "one guess too many"));
    assertThat(busy.statusCode()).isEqualTo(429);
    assertThat(busy.headers().firstValue("Retry-After")).contains("1");
    assertThat(get(basic("admin", PASSWORD)).statusCode()).isEqualTo(200);

    bcrypt.release();
    for (CompletableFuture<HttpResponse<String>> guess : guesses) {
      assertThat(guess.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void guesses_at_one_user_do_not_hold_up_the_check_of_another() throws Exception {
    for (int i = 0; i < FailureThrottle.FREE_FAILURES; i++) {
      assertThat(get(basic("admin", "guess" + i)).statusCode()).isEqualTo(401);
    }
    bcrypt.hold();
    List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
    for (int i = 0; i < SlowCheckGate.RUNNING_PER_LANE + SlowCheckGate.WAITING_PER_LANE; i++) {
      guesses.add(getLater(basic("admin", "more" + i)));
      awaitInFlight(Lane.SUSPECT, i + 1);
    }
    int held = bcrypt.calls.get();

    CompletableFuture<HttpResponse<String>> bob = getLater(basic("bob", BOB_PASSWORD));
    awaitInFlight(Lane.CLEAR, 1);
    assertThat(bcrypt.calls).as("bob's check started beside the held guesses").hasValue(held + 1);
    bcrypt.release();

    assertThat(bob.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    for (CompletableFuture<HttpResponse<String>> guess : guesses) {
      assertThat(guess.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(429);
    }
  }

  @Test
  void an_unknown_user_costs_the_same_bcrypt_as_a_wrong_password() throws Exception {
    assertThat(get(basic("admin", "wrong")).statusCode()).isEqualTo(401);
    assertThat(bcrypt.calls).hasValue(1);
    assertThat(get(basic("nobody", "wrong")).statusCode()).isEqualTo(401);
    assertThat(bcrypt.calls).hasValue(2);
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
        .contains("slow-check-gate(clear=0, suspect=0, per-lane=2)")
        .doesNotContain(PASSWORD);
  }
}
