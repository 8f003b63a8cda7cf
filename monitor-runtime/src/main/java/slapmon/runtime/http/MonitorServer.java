package slapmon.runtime.http;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.PathHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.xnio.Options;
import org.xnio.Sequence;
import slapmon.runtime.http.dashboard.DashboardAssets;
import slapmon.runtime.http.dashboard.DashboardRoutes;
import slapmon.runtime.http.dashboard.ForcedRunHandler;
import slapmon.runtime.http.dashboard.PromiseTrigger;

/**
 * The monitor's one HTTPS server (SPEC A.10, DESIGN 3.8): {@code /public} anonymous, {@code
 * /private} and {@code /} behind authentication, the dashboard at exactly {@code /} with its files
 * under {@code /.slapmon/dashboard}, {@code /share} WebDAV with its own access rules,
 * CORS and cache headers on every route, TLS 1.2 and 1.3 only with forward-secret AEAD suites
 * ({@link TlsSuites}). {@link #close()} drains requests in flight, then stops.
 */
public final class MonitorServer implements AutoCloseable {
  static final long DRAIN_MILLIS = 5_000;
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String TARGETS_PATH = "/metrics/targets";
  static final String TARGETS_TYPE = "application/json; charset=utf-8";

  /** A request's header and URL together; Undertow's default, 1 MiB, lets a client hold more. */
  static final int MAX_HEADER_BYTES = 64 * 1024;
  /** The largest body (a WebDAV PUT): the share holds monitoring documents, not archives. */
  static final long MAX_BODY_BYTES = 64L << 20;
  static final Duration TLS_CHECK_INTERVAL = Duration.ofMinutes(1);

  private final Undertow undertow;
  private final GracefulShutdownHandler root;
  private final Optional<AccessLog> accessLog;
  private Optional<TlsReload> tlsReload = Optional.empty();

  private MonitorServer(Undertow undertow, GracefulShutdownHandler root, Optional<AccessLog> log) {
    this.undertow = undertow;
    this.root = root;
    this.accessLog = log;
  }

  /**
   * Starts the server.
   *
   * @param authenticated wraps a handler so that only authenticated requests reach it
   * @param dav the WebDAV handler for {@code /share}; {@link ShareAccess} decides who reaches it
   * @param metrics one Prometheus scrape, served at {@code /metrics} to authenticated clients
   */
  public static MonitorServer start(
      ServerSettings settings,
      UnaryOperator<HttpHandler> authenticated,
      HttpHandler dav,
      Callable<byte[]> metrics)
      throws IOException {
    return start(settings, authenticated, dav, metrics, Optional.empty());
  }

  /**
   * The same, with {@code /metrics/targets}, the fleet's scrape targets for Prometheus' {@code
   * http_sd_configs} (JSON), behind the same authentication as {@code /metrics}.
   */
  public static MonitorServer start(
      ServerSettings settings,
      UnaryOperator<HttpHandler> authenticated,
      HttpHandler dav,
      Callable<byte[]> metrics,
      Optional<Callable<byte[]>> targets)
      throws IOException {
    return start(settings, authenticated, dav, metrics, targets, Optional.empty());
  }

  /**
   * The same, with the dashboard's forced run at {@link ForcedRunHandler#PATH}, behind the same
   * authentication.
   */
  public static MonitorServer start(
      ServerSettings settings,
      UnaryOperator<HttpHandler> authenticated,
      HttpHandler dav,
      Callable<byte[]> metrics,
      Optional<Callable<byte[]>> targets,
      Optional<PromiseTrigger> forcedRun)
      throws IOException {
    FolderListing listing = FolderListing.dashboardStyled();
    HttpHandler publicFiles =
        StaticFiles.of(settings.publicFolder(), settings.allowedRoots(), listing);
    HttpHandler privateFiles =
        authenticated.apply(
            new HiddenFilesGuard(
                StaticFiles.privateWithPromiseDocuments(settings.privateFolder(),
                    settings.publicFolder(), settings.allowedRoots(), listing)));
    DashboardRoutes dashboard = new DashboardRoutes(DashboardAssets.load());
    PathHandler routes =
        Handlers.path(privateFiles)
            .addExactPath("/", authenticated.apply(dashboard.page()))
            .addExactPath("/favicon.ico", dashboard.favicon())
            .addPrefixPath(DashboardRoutes.ASSETS_PREFIX, authenticated.apply(dashboard.files()))
            .addPrefixPath("/public", publicFiles)
            .addPrefixPath("/private", privateFiles)
            .addPrefixPath("/share", new ShareAccess(dav, authenticated.apply(dav)))
            .addExactPath("/metrics", authenticated.apply(new MetricsHandler(metrics, METRICS_TYPE)));
    forcedRun.ifPresent(
        run -> routes.addExactPath(ForcedRunHandler.PATH,
            authenticated.apply(new ForcedRunHandler(run, settings.cors()))));
    targets.ifPresent(
        t -> routes.addExactPath(TARGETS_PATH, authenticated.apply(new MetricsHandler(t, TARGETS_TYPE))));
    HttpHandler cached = new CacheControlHandler(routes, CacheControlHandler.PRIVATE_40);
    HttpHandler cors = new CorsHandler(cached, settings.cors());
    Optional<AccessLog> log = settings.accessLog().isPresent()
        ? Optional.of(AccessLog.open(settings.accessLog().get()))
        : Optional.empty();
    HttpHandler logged = log.map(l -> l.wrap(cors)).orElse(cors);
    GracefulShutdownHandler root = Handlers.gracefulShutdown(logged);
    ConnectionLimits limits = settings.limits();
    Undertow undertow =
        Undertow.builder()
            .addHttpsListener(settings.port(), settings.address().getHostAddress(), settings.tls())
            .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3", "TLSv1.2"))
            .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, TlsSuites.of(settings.tls()))
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(limits.headerDeadline()))
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(limits.idle()))
            .setSocketOption(Options.WRITE_TIMEOUT, millis(limits.stalledWrite()))
            .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
            .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections())
            .setIoThreads(2)
            .setWorkerThreads(8)
            .setHandler(root)
            .build();
    undertow.start();
    return new MonitorServer(undertow, root, log);
  }

  private static int millis(Duration duration) {
    return Math.toIntExact(duration.toMillis());
  }

  /** The port actually bound (useful when started on port 0). */
  public int port() {
    return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * From now on, serves the certificate and key at these paths again once they change (a render
   * renews the certificate before it expires), looking once a minute.
   */
  public synchronized void reloadTlsFrom(Path certificate, Path key) {
    reloadTlsFrom(certificate, key, TLS_CHECK_INTERVAL);
  }

  synchronized void reloadTlsFrom(Path certificate, Path key, Duration interval) {
    tlsReload.ifPresent(TlsReload::close);
    tlsReload =
        Optional.of(
            TlsReload.start(undertow.getListenerInfo().get(0), certificate, key, interval));
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      tlsReload.ifPresent(TlsReload::close);
    }
    root.shutdown();
    try {
      root.awaitShutdown(DRAIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    undertow.stop();
    if (accessLog.isPresent()) {
      accessLog.get().close();
    }
  }
}
