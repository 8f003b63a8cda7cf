package slapmon.runtime.metrics;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import slapmon.runtime.http.TlsFixture;
import slapmon.runtime.promise.RunCounters;
import slapmon.runtime.state.RunnerHealth;
import slapmon.runtime.testing.TestLayouts;

/** A monitor's files with every part of a scrape present, at a fixed time. */
final class MonitorMetricsFixture {
  static final Instant NOW = Instant.parse("2026-11-24T10:48:00Z");

  private MonitorMetricsFixture() {}

  static MonitorMetrics metrics(Path dir, Optional<Path> certificate, Optional<Instant> lastRun) {
    return new MonitorMetrics(
        new MonitorMetrics.Sources(
            "Web \"front\"", "My tree", URI.create("https://[2001:db8::1]:8443"), "1.2.3",
            TestLayouts.folders(dir, dir.resolve("public"), dir.resolve("private")), certificate,
            now -> new RunnerHealth(lastRun, NOW.plusSeconds(30), Duration.ofSeconds(60)),
            () -> List.of(new RunCounters.Count(false, "web", 3, 2, 1),
                new RunCounters.Count(true, "usage", 1, 0, 0))),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A timed-out promise, a collect, two sub-monitors (one unreachable), a certificate. */
  static byte[] fullScrape(Path dir) throws Exception {
    Path publicFolder = Files.createDirectories(dir.resolve("public"));
    Path privateFolder = Files.createDirectories(dir.resolve("private"));
    Path documents = Files.createDirectories(privateFolder.resolve("data/.jio_documents"));
    Files.writeString(publicFolder.resolve("web.status.json"),
        "{\"status\":\"ERROR\",\"title\":\"web\",\"change-time\":1795517221.250,"
            + "\"date\":\"2026-11-24T10:47:01+0000\",\"execution-time\":0.125,"
            + "\"nagios-status\":\"TIMEOUT\",\"message\":\"killed\"}");
    Files.writeString(documents.resolve("monitor_resource.status.json"),
        "{\"total_process\":14,\"cpu_percent\":7.3,\"cpu_time\":21.71,\"cpu_num_threads\":84,"
            + "\"date\":\"2026-11-24 10:47:00\",\"memory_percent\":12.5,\"memory_rss\":256,"
            + "\"io_rw_counter\":0,\"io_cycles_counter\":0,\"disk_used\":0}");
    Files.writeString(privateFolder.resolve("monitor.sub-monitors.json"),
        "{\"date\":\"2026-11-24T10:45:00+00:00\",\"monitors\":["
            + "{\"url\":\"https://a.example:1\",\"title\":\"A\",\"status\":\"WARNING\","
            + "\"problem\":null,\"placeholder\":false},"
            + "{\"url\":\"https://b.example:2\",\"title\":\"https://b.example:2 (HTTP 503)\","
            + "\"status\":null,\"problem\":\"HTTP 503\",\"placeholder\":true}]}");
    TlsFixture tls = TlsFixture.create(Files.createDirectories(dir.resolve("etc")));
    return metrics(dir, Optional.of(tls.certificate), Optional.of(NOW.minusSeconds(20))).render();
  }
}
