package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.dashboard.PromiseTrigger;
import slapmon.runtime.http.cors.CorsPolicy;

/**
 * The forced run's bound, on the real server through curl: one run per promise, none beside a run
 * of all, two at most; the runs hold no server thread (the server answers while they wait).
 */
@Timeout(120)
final class ForcedRunBoundTest {
  @TempDir Path dir;
  private MonitorServer server;
  private TlsFixture tls;
  private final CountDownLatch release = new CountDownLatch(1);
  private final BlockingQueue<String> started = new LinkedBlockingQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private final List<Process> background = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    tls = TlsFixture.create(dir);
    Path publicFolder = Files.createDirectories(dir.resolve("public"));
    Path privateFolder = Files.createDirectories(dir.resolve("private"));
    Files.writeString(publicFolder.resolve("p.status.json"), "{}");
    PromiseTrigger trigger = title -> {
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      started.add(title.orElse("*"));
      try {
        assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
        return new PromiseTrigger.Answer(200, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
      } finally {
        inFlight.decrementAndGet();
      }
    };
    server = MonitorServer.start(
        new ServerSettings(InetAddress.getByName("127.0.0.1"), 0,
            PemTls.context(tls.certificate, tls.key), publicFolder, privateFolder,
            List.of(publicFolder, privateFolder),
            () -> new CorsPolicy(List.of("monitor.app.officejs.com")), Optional.empty(),
            ConnectionLimits.forThisProcess()),
        next -> next,
        exchange -> exchange.setStatusCode(404),
        () -> new byte[0],
        Optional.empty(),
        Optional.of(trigger));
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    release.countDown();
    for (Process process : background) {
      process.waitFor(30, TimeUnit.SECONDS);
      process.destroy();
    }
    server.close();
  }

  private ProcessBuilder curl(String method, String path) {
    return new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
        tls.certificate.toString(), "-X", method, "-H", "X-Requested-With: test",
        "https://127.0.0.1:" + server.port() + path).redirectErrorStream(true);
  }

  private int status(String method, String path) throws IOException, InterruptedException {
    return finished(curl(method, path).start());
  }

  private static int finished(Process curl) throws IOException, InterruptedException {
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return Integer.parseInt(out.trim());
  }

  /** Starts a forced run of {@code title} (empty: all) and waits until the trigger has it. */
  private Process held(String title) throws IOException, InterruptedException {
    Process curl =
        curl("POST", "/.slapmon/run" + (title.isEmpty() ? "" : "?title=" + title)).start();
    background.add(curl);
    assertThat(started.poll(60, TimeUnit.SECONDS)).isEqualTo(title.isEmpty() ? "*" : title);
    return curl;
  }

  @Test
  void forced_runs_are_bounded_per_promise_and_in_all() throws Exception {
    Process first = held("a");
    assertThat(status("POST", "/.slapmon/run?title=a")).as("the same promise").isEqualTo(409);
    assertThat(status("POST", "/.slapmon/run")).as("all, beside a run").isEqualTo(409);
    Process second = held("b");
    assertThat(status("POST", "/.slapmon/run?title=c")).as("a third run").isEqualTo(429);
    assertThat(status("GET", "/public/p.status.json")).as("the server still answers")
        .isEqualTo(200);
    assertThat(started).isEmpty();

    release.countDown();
    assertThat(finished(first)).isEqualTo(200);
    assertThat(finished(second)).isEqualTo(200);
    assertThat(status("POST", "/.slapmon/run?title=c")).as("once they are done").isEqualTo(200);
    assertThat(mostInFlight.get()).isEqualTo(2);
  }

  @Test
  void nothing_runs_beside_a_run_of_all() throws Exception {
    Process all = held("");
    assertThat(status("POST", "/.slapmon/run?title=a")).isEqualTo(409);
    assertThat(status("POST", "/.slapmon/run")).isEqualTo(409);
    release.countDown();
    assertThat(finished(all)).isEqualTo(200);
    assertThat(started).isEmpty();
  }
}
