package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.ConnectionLimits;
import slapmon.runtime.launch.SlapmonProcess;

/**
 * The HTTPS server of {@code slapmon run} under bounded abuse on loopback while well-formed clients
 * keep asking: many idle connections, slow clients sending a header a byte at a time, oversized
 * headers and URLs, a 1 GB PUT with and without credentials, a deeply nested PROPFIND body, random
 * paths on every route, and wrong passwords at a high rate. Every well-formed request is answered
 * (their latency is reported, not asserted), the abuse is refused with the right status, slow
 * clients are cut off, and the server's memory stays far below the size of what was sent. Quick:
 * 300 connections, 150 fuzzed requests, 100 wrong passwords; full ({@code -Preliability}): 1,000,
 * 3,000 and 3,000.
 */
final class AbusiveClientsTest {
  private static final long GIGABYTE = 1L << 30;
  /** The server closed the connection while the request was still being sent: refused too. */
  private static final int CUT_OFF = -2;

  @TempDir Path dir;

  @Test
  void abuse_is_refused_while_well_formed_clients_are_served() throws Exception {
    HttpsSetup https = HttpsSetup.create(dir.resolve("etc"));
    ReliabilityPartition partition =
        new ReliabilityPartition(dir).steadyPromises(5, "0.1").timeoutSeconds(5)
            .httpd(https.httpdLines()).writeConf();
    Files.createDirectories(partition.monitorFolder);
    Process monitor = SlapmonProcess.start(dir, Map.of(), "run", "--config", partition.conf.toString(), "--period", "5");
    ExecutorService pool = Executors.newCachedThreadPool();
    List<SSLSocket> idle = Collections.synchronizedList(new ArrayList<>());
    try {
      TlsClient client = new TlsClient(https.certificate, https.port);
      client.awaitServing(monitor);
      RssSampler rss = new RssSampler(monitor.pid());
      pool.submit(rss);
      String right = "Authorization: " + TlsClient.basic(HttpsSetup.USER, HttpsSetup.PASSWORD) + "\r\n";
      String wrong = "Authorization: " + TlsClient.basic(HttpsSetup.USER, "not-the-password") + "\r\n";

      WellFormed baseline = new WellFormed(client, right, true);
      baseline.runFor(pool, Sizes.of(100, 1000));

      // Abuse, with well-formed clients (anonymous and authenticated) throughout.
      WellFormed during = new WellFormed(client, right, true);
      Future<?> wellFormed = pool.submit(() -> during.untilStopped());
      // Below what the server holds at once, so that well-formed clients still get in (beyond it,
      // connections wait in the kernel's queue: ConnectionFloodTest).
      int connections =
          Math.min(Sizes.of(300, 1000), ConnectionLimits.forThisProcess().maxConnections() - 100);
      List<Future<?>> openers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        openers.add(pool.submit(() -> {
          for (int i = 0; i < connections / 4; i++) {
            idle.add(client.connect(60_000));
          }
          return null;
        }));
      }
      for (Future<?> opener : openers) {
        opener.get(120, TimeUnit.SECONDS);
      }
      List<Future<Boolean>> slow = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        slow.add(pool.submit(() -> slowHeader(client)));
      }
      int oversizedHeader =
          refusedOrStatus(client, "/public/", "X-Big: " + "a".repeat(200 * 1024) + "\r\n");
      int oversizedUrl = refusedOrStatus(client, "/public/" + "a".repeat(200 * 1024), "");
      long[] anonymousPut = bigPut(client, "", "/share/public/big");
      long[] authenticatedPut = bigPut(client, right, "/share/private/big");
      int deepPropfind = client.request("PROPFIND", "/share/public/", "Depth: 1\r\nContent-Type: application/xml\r\n",
          ("<?xml version=\"1.0\"?>" + "<a>".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
      List<String> fuzzFailures = fuzz(client, Sizes.of(150, 3000));
      int slowCut = 0;
      for (Future<Boolean> one : slow) {
        slowCut += one.get(90, TimeUnit.SECONDS) ? 1 : 0;
      }
      during.stop();
      wellFormed.get(60, TimeUnit.SECONDS);
      synchronized (idle) {
        for (SSLSocket socket : idle) {
          socket.close();
        }
        idle.clear();
      }

      // Wrong passwords at a high rate, anonymous clients served meanwhile.
      WellFormed duringStorm = new WellFormed(client, right, false);
      Future<?> stormWellFormed = pool.submit(() -> duringStorm.untilStopped());
      Map<Integer, Integer> stormStatuses = new ConcurrentHashMap<>();
      int storm = Sizes.of(100, 3000);
      List<Future<?>> stormers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        stormers.add(pool.submit(() -> {
          for (int i = 0; i < storm / 4; i++) {
            stormStatuses.merge(client.request("GET", "/private/monitor.global.json", wrong, null), 1, Integer::sum);
          }
          return null;
        }));
      }
      for (Future<?> stormer : stormers) {
        stormer.get(300, TimeUnit.SECONDS);
      }
      duringStorm.stop();
      stormWellFormed.get(60, TimeUnit.SECONDS);
      rss.stop();
      assertThat(monitor.isAlive()).as("slapmon running").isTrue();

      String report = String.format(
          "abusive clients: baseline p50 %.1f ms p99 %.1f ms (%d requests); under abuse p50 %.1f ms"
              + " p99 %.1f ms (%d requests, %d failed) with %d idle connections, 20 slow headers (%d cut"
              + " off), header 200 KiB -> %d, URL 200 KiB -> %d, 1 GB PUT anonymous -> %d after %d"
              + " MiB sent, with password -> %d after %d MiB sent, PROPFIND nested 20,000 deep -> %d,"
              + " %d fuzzed paths (%d bad answers); %d wrong passwords -> %s while anonymous p99 %.1f ms"
              + " (%d requests, %d failed); server RSS max %d MiB%n",
          baseline.percentile(50), baseline.percentile(99), baseline.count(),
          during.percentile(50), during.percentile(99), during.count(), during.failed.get(),
          connections, slowCut, oversizedHeader, oversizedUrl, anonymousPut[0], anonymousPut[1] >> 20,
          authenticatedPut[0], authenticatedPut[1] >> 20, deepPropfind, Sizes.of(150, 3000),
          fuzzFailures.size(), storm, new java.util.TreeMap<>(stormStatuses), duringStorm.percentile(99),
          duringStorm.count(), duringStorm.failed.get(), rss.max.get() >> 10);
      System.out.print(report);
      Reports.write("abusive-clients.txt", report);

      assertThat(baseline.failed.get() + during.failed.get() + duringStorm.failed.get())
          .as("well-formed requests not answered 200: %s %s %s", baseline.failures, during.failures, duringStorm.failures)
          .isZero();
      // Undertow refuses a header over its limit with 400 before any handler sees it.
      assertThat(oversizedHeader).as("oversized header").isIn(400, 431, CUT_OFF);
      assertThat(oversizedUrl).as("oversized URL").isIn(400, 414, 431, CUT_OFF);
      assertThat(anonymousPut[0]).as("anonymous 1 GB PUT").isEqualTo(401);
      assertThat(authenticatedPut[0]).as("1 GB PUT with the password; slapmon said: %s",
          tail(SlapmonProcess.read(dir, "stderr"))).isEqualTo(413);
      assertThat(anonymousPut[1] + authenticatedPut[1]).as("bytes the server took before refusing")
          .isLessThan(GIGABYTE / 4);
      assertThat(deepPropfind).as("deeply nested PROPFIND").isEqualTo(400);
      assertThat(fuzzFailures).as("fuzzed requests answered 5xx or let through; slapmon said: %s",
          tail(SlapmonProcess.read(dir, "stderr"))).isEmpty();
      assertThat(slowCut).as("slow clients cut off by the server").isEqualTo(20);
      assertThat(stormStatuses.keySet()).as("answers to wrong passwords").isSubsetOf(401, 429);
      assertThat(rss.max.get()).as("server RSS, KiB").isLessThan(1024 * 1024);
    } finally {
      synchronized (idle) {
        for (SSLSocket socket : idle) {
          try {
            socket.close();
          } catch (IOException ignored) {
            // closing what the test opened
          }
        }
      }
      pool.shutdownNow();
      monitor.destroy();
      monitor.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String tail(String log) {
    return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
  }

  /** Sends a request header one byte every 200 ms; true when the server cut it off within 60 s. */
  private static boolean slowHeader(TlsClient client) throws IOException {
    try (SSLSocket socket = client.connect(1_000)) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /public/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try {
          out.write('a');
          out.flush();
        } catch (IOException closed) {
          return true;
        }
        try {
          if (socket.getInputStream().read() < 0) {
            return true;
          }
          return true; // the server answered (an error status) before the header ended
        } catch (java.net.SocketTimeoutException nothingYet) {
          // keep dripping
        } catch (IOException closed) {
          return true;
        }
        TimeUnit.MILLISECONDS.sleep(0); // the 1 s read timeout above paces the drip
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Streams a 1 GB PUT body until the server answers or hangs up: {status, bytes sent}. */
  private static long[] bigPut(TlsClient client, String headers, String path) throws IOException {
    try (SSLSocket socket = client.connect(20_000)) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Content-Length: " + GIGABYTE
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 * 1024];
      long sent = 0;
      while (sent < GIGABYTE) {
        try {
          out.write(chunk);
          sent += chunk.length;
        } catch (IOException closed) {
          break;
        }
        if (sent % (1 << 20) == 0 && socket.getInputStream().available() > 0) {
          break; // an answer is waiting
        }
        try {
          socket.setSoTimeout(1);
          int first = socket.getInputStream().read();
          if (first >= 0) {
            socket.setSoTimeout(20_000);
            return new long[] {restOfStatus(socket, first), sent};
          }
          break;
        } catch (java.net.SocketTimeoutException nothingYet) {
          // keep sending
        }
      }
      socket.setSoTimeout(20_000);
      try {
        return new long[] {TlsClient.statusLine(socket.getInputStream()), sent};
      } catch (IOException closed) {
        return new long[] {-1, sent};
      }
    }
  }

  private static int restOfStatus(SSLSocket socket, int first) throws IOException {
    StringBuilder line = new StringBuilder().append((char) first);
    int b;
    while ((b = socket.getInputStream().read()) >= 0 && b != '\n') {
      line.append((char) b);
    }
    return line.toString().startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
  }

  /** Random paths and methods on every route without credentials: never 5xx, never let through. */
  private static List<String> fuzz(TlsClient client, int count) throws IOException {
    Random random = new Random(3L);
    String[] routes = {"/", "/public/", "/private/", "/share/", "/share/public/", "/share/private/", "/metrics", "/share/jio_public/"};
    String[] methods = {"GET", "HEAD", "PROPFIND", "PUT", "DELETE", "MKCOL", "MOVE", "COPY", "OPTIONS", "LOCK", "PROPPATCH", "TRACE", "BREW"};
    String[] pieces = {"..", "%2e%2e", "%2E%2e%2f", "%00", "%ff", ";x", "//", "\\", "%5c", "~", ".hidden",
        "%c0%ae", "a%2fb", "monitor.global.json", "feed", "\u00e9", "%25", "?x=1", "#f", "%0d%0aX: y", "*"};
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String route = routes[random.nextInt(routes.length)];
      StringBuilder path = new StringBuilder(route);
      for (int p = random.nextInt(5); p >= 0; p--) {
        path.append(pieces[random.nextInt(pieces.length)]).append(random.nextBoolean() ? "/" : "");
      }
      String method = methods[random.nextInt(methods.length)];
      String target = new String(path.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      int status = client.request(method, target, "", method.equals("PUT") ? new byte[16] : null);
      boolean privateRoute = !route.startsWith("/public/") && !route.startsWith("/share/public/")
          && !route.startsWith("/share/jio_public/") && !method.equals("OPTIONS");
      boolean write = List.of("PUT", "DELETE", "MKCOL", "MOVE", "COPY", "LOCK", "PROPPATCH").contains(method);
      // 501 is the right answer to a method a route does not implement; other 5xx are failures.
      if ((status >= 500 && status != 501) || (status >= 200 && status < 300 && (write || privateRoute && !target.startsWith("/public")))) {
        failures.add(method + " " + path + " -> " + status);
      }
    }
    return failures;
  }

  /**
   * The status of a GET too large to accept, or {@link #CUT_OFF}: the server may answer 400 and
   * close before the client has written the whole request, whose write or read then fails.
   */
  private static int refusedOrStatus(TlsClient client, String target, String headers)
      throws IOException {
    try {
      return client.request("GET", target, headers, null);
    } catch (IOException cutOff) { // a broken pipe, a reset, or TLS telling of either
      return CUT_OFF;
    }
  }

  /** A client that only sends well-formed requests and times them. */
  private static final class WellFormed {
    final TlsClient client;
    final String authorization;
    final boolean authenticated;
    final List<Long> nanos = new CopyOnWriteArrayList<>();
    final AtomicInteger failed = new AtomicInteger();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();

    WellFormed(TlsClient client, String authorization, boolean authenticated) {
      this.client = client;
      this.authorization = authorization;
      this.authenticated = authenticated;
    }

    void runFor(ExecutorService pool, int requests) {
      for (int i = 0; i < requests; i++) {
        once(i);
      }
    }

    Void untilStopped() {
      for (int i = 0; !stop.get() && i < 100_000; i++) {
        once(i);
      }
      return null;
    }

    void stop() {
      stop.set(true);
    }

    private void once(int i) {
      boolean privately = authenticated && i % 2 == 1;
      long start = System.nanoTime();
      try {
        int status = privately
            ? client.request("GET", "/private/monitor.global.json", authorization, null)
            : client.request("GET", "/public/monitor.global.json", "", null);
        if (status != 200) {
          failed.incrementAndGet();
          failures.add((privately ? "private " : "public ") + status);
        }
      } catch (IOException e) {
        failed.incrementAndGet();
        failures.add(e.toString());
      }
      nanos.add(System.nanoTime() - start);
    }

    int count() {
      return nanos.size();
    }

    double percentile(int p) {
      List<Long> sorted = new ArrayList<>(nanos);
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      sorted.sort(null);
      int index = (int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * p / 100.0) - 1);
      return sorted.get(Math.max(0, index)) / 1e6;
    }
  }

  /** The server's resident memory, sampled every 200 ms. */
  private static final class RssSampler implements java.util.concurrent.Callable<Void> {
    final long pid;
    final AtomicLong max = new AtomicLong();
    final AtomicBoolean stop = new AtomicBoolean();

    RssSampler(long pid) {
      this.pid = pid;
    }

    @Override
    public Void call() throws Exception {
      while (!stop.get()) {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            max.accumulateAndGet(Long.parseLong(line.replaceAll("[^0-9]", "")), Math::max);
          }
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      return null;
    }

    void stop() {
      stop.set(true);
    }
  }
}
