package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;
import slapmon.runtime.launch.SlapmonProcess;

/**
 * Anonymous clients that open connections by the hundred and send nothing cannot take the
 * descriptors the promise runs need: slapmon runs with 256 open files at most (as a partition
 * with a low limit does), 400 connections are held open, and the promises still run and succeed;
 * once the flood closes, the server answers again.
 */
final class ConnectionFloodTest {
  private static final int OPEN_FILES = 256;
  private static final int FLOOD = 400;
  private static final DateTimeFormatter STATUS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

  @TempDir Path dir;

  @Test
  void promises_keep_running_while_idle_connections_flood_the_server() throws Exception {
    HttpsSetup https = HttpsSetup.create(dir.resolve("etc"));
    ReliabilityPartition partition =
        new ReliabilityPartition(dir).steadyPromises(3, "0.1").timeoutSeconds(5)
            .httpd(https.httpdLines()).writeConf();
    Files.createDirectories(partition.monitorFolder);
    Process monitor =
        SlapmonProcess.startUnder(
            List.of("prlimit", "--nofile=" + OPEN_FILES + ":" + OPEN_FILES, "--"),
            dir, Map.of(), "run", "--config", partition.conf.toString(), "--period", "2");
    List<Socket> flood = new ArrayList<>();
    try {
      TlsClient client = new TlsClient(https.certificate, https.port);
      client.awaitServing(monitor);
      Path status = partition.publicFolder.resolve("steady-001.status.json");
      awaitFile(status, monitor);

      for (int i = 0; i < FLOOD; i++) {
        Socket idle = new Socket();
        flood.add(idle);
        idle.connect(new InetSocketAddress("127.0.0.1", https.port), 10_000);
      }
      Instant flooded = Instant.now();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
      while (true) {
        JsonNode run = Json.read(status);
        Instant ran = OffsetDateTime.parse(run.get("date").asText(), STATUS_DATE).toInstant();
        if (ran.isAfter(flooded) && run.get("status").asText().equals("OK")) {
          break;
        }
        assertThat(monitor.isAlive()).isTrue();
        assertThat(System.nanoTime())
            .as("a promise run succeeded while the connections were held; last: %s", run)
            .isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(200);
      }
      assertThat(SlapmonProcess.read(dir, "stderr")).doesNotContain("Too many open files");

      for (Socket idle : flood) {
        idle.close();
      }
      flood.clear();
      client.awaitServing(monitor);
    } finally {
      for (Socket idle : flood) {
        idle.close();
      }
      monitor.destroy();
      monitor.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void awaitFile(Path file, Process monitor) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      assertThat(monitor.isAlive()).isTrue();
      assertThat(System.nanoTime()).as("%s within 60 s", file).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
