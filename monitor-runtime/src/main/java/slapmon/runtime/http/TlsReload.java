package slapmon.runtime.http;

import io.undertow.Undertow;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import slapmon.runtime.task.PeriodicTask;
import slapmon.runtime.task.TaskGuard;

/**
 * Serves a renewed certificate without a restart: looks at the certificate and key files at a
 * fixed interval and, once either changed and the pair loads, hands the listener a new TLS context
 * (connections made before keep theirs). A pair that does not load is logged and the one being
 * served is kept.
 */
final class TlsReload implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("slapmon.http");

  private final Undertow.ListenerInfo listener;
  private final Path certificate;
  private final Path key;
  private final ScheduledExecutorService timer;
  private List<Object> served;
  private List<Object> refused = List.of();

  private TlsReload(Undertow.ListenerInfo listener, Path certificate, Path key) {
    this.listener = listener;
    this.certificate = certificate;
    this.key = key;
    this.served = stampOf(certificate, key);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            TaskGuard.HALTING.daemonThreads("slapmon-tls-reload"));
  }

  /** Watches the pair {@code listener} serves now, looking every {@code interval}. */
  static TlsReload start(
      Undertow.ListenerInfo listener, Path certificate, Path key, Duration interval) {
    TlsReload reload = new TlsReload(listener, certificate, key);
    TaskGuard.HALTING.every(
        reload.timer, PeriodicTask.of("tls-reload", interval, interval, reload::check));
    return reload;
  }

  private void check() {
    List<Object> now = stampOf(certificate, key);
    if (now.equals(served) || now.equals(refused)) {
      return;
    }
    try {
      listener.setSslContext(PemTls.context(certificate, key));
      served = now;
      LOG.log(Level.INFO, "event=tls-reloaded certificate=" + certificate);
    } catch (IOException | RuntimeException e) {
      refused = now; // said once per change, not every interval
      LOG.log(Level.WARNING, "event=tls-reload-failed (still serving the previous certificate): "
          + e.getMessage());
    }
  }

  private static List<Object> stampOf(Path... files) {
    return Arrays.stream(files).map(TlsReload::stampOf).toList();
  }

  private static Object stampOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(
          attributes.lastModifiedTime(),
          attributes.size(),
          Objects.requireNonNullElse(attributes.fileKey(), ""));
    } catch (IOException e) {
      return "unreadable";
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
