package slapmon.runtime.launch;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import slapmon.config.settings.HttpdSection;
import slapmon.config.settings.IpLiteral;
import slapmon.config.settings.MonitorSection;
import slapmon.runtime.bootstrap.BootstrapPaths;
import slapmon.runtime.http.cors.CorsPolicy;
import slapmon.runtime.http.ConnectionLimits;
import slapmon.runtime.http.MonitorServer;
import slapmon.runtime.http.PemTls;
import slapmon.runtime.http.ServerSettings;
import slapmon.runtime.http.auth.BasicAuthHandler;
import slapmon.runtime.http.auth.CredentialVerifier;
import slapmon.runtime.http.auth.FailureThrottle;
import slapmon.runtime.http.auth.HtpasswdFile;
import slapmon.runtime.http.auth.SlowCheckGate;
import slapmon.runtime.http.dav.DavHandler;
import slapmon.runtime.parameters.UploadQueue;
import slapmon.runtime.live.LiveParameters;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.metrics.FleetTargets;
import slapmon.runtime.metrics.MonitorMetrics;
import slapmon.runtime.state.RunnerHealth;
import slapmon.runtime.task.PeriodicTask;

/** Starts the monitor's HTTPS server from {@code [httpd]} of monitor.conf, wired to the rest. */
final class HttpsService {
  static final String PRIVATE_REALM = "Private access";

  private HttpsService() {}

  static MonitorServer start(
      RuntimeConfig config,
      HttpdSection httpd,
      ServerPreparation prepared,
      PromiseEngine engine,
      LiveParameters live,
      Clock clock,
      PeriodicTask.Body publishState)
      throws IOException {
    MonitorSection monitor = config.conf().monitor();
    Path publicFolder = config.layout().publicFolder();
    Path privateFolder = config.layout().privateFolder();
    List<Path> allowedRoots = allowedRoots(config);
    HtpasswdFile htpasswd = HtpasswdFile.watch(httpd.htpasswdFile(), clock);
    live.onHtpasswdWritten(written -> htpasswd.recheckNow());
    CredentialVerifier credentials = CredentialVerifier.of(htpasswd, clock);
    FailureThrottle throttle = new FailureThrottle(clock);
    SlowCheckGate gate = new SlowCheckGate();
    Supplier<CorsPolicy> cors = CorsPolicy.following(live::corsDomains);
    ServerSettings settings =
        new ServerSettings(
            httpd.address(),
            httpd.port(),
            prepared.tls(),
            publicFolder,
            privateFolder,
            allowedRoots,
            cors,
            httpd.accessLog(),
            ConnectionLimits.forThisProcess());
    DavHandler dav =
        new DavHandler(
            config.layout().webdavFolder(),
            "/share",
            new LinkedHashSet<>(allowedRoots),
            config.bootstrapPaths().ownedPaths(),
            clock,
            new UploadQueue(config.layout().configDocuments()));
    MonitorServer server;
    try {
      server =
          MonitorServer.start(
              settings,
              next -> new BasicAuthHandler(next, credentials, throttle, gate, PRIVATE_REALM),
              dav,
              metrics(config, httpd, engine, clock)::render,
              Optional.of(
                  new FleetTargets(monitor.baseUrl(), monitor.title(), monitor.rootTitle(),
                      monitor.monitorUrlList(), privateFolder)::render),
              Optional.of(new ForcedRun(engine, publishState)));
    } catch (RuntimeException e) {
      if (!(e.getCause() instanceof BindException bind)) {
        throw e;
      }
      throw new StartFailure(
          "cannot listen on " + hostPort(httpd) + " (listen-address and port of [httpd] in "
              + config.file() + "): " + bind.getMessage().toLowerCase(Locale.ROOT)
              + "; stop what listens there or choose another port",
          bind);
    }
    server.reloadTlsFrom(httpd.certificateFile(), httpd.keyFile());
    return server;
  }

  private static MonitorMetrics metrics(
      RuntimeConfig config, HttpdSection httpd, PromiseEngine engine, Clock clock) {
    MonitorSection monitor = config.conf().monitor();
    return new MonitorMetrics(
        new MonitorMetrics.Sources(
            monitor.title(),
            monitor.rootTitle(),
            monitor.baseUrl(),
            BuildVersion.get(),
            config.layout(),
            Optional.of(httpd.certificateFile()),
            now -> new RunnerHealth(
                engine.lastRun(), engine.nextRun().orElse(now.plus(engine.period())),
                engine.period()),
            () -> engine.counters().snapshot()),
        clock);
  }

  /** The server's TLS context; a certificate or key that cannot be read is named with its key. */
  static SSLContext tls(RuntimeConfig config, HttpdSection httpd) throws StartFailure {
    try {
      return PemTls.context(httpd.certificateFile(), httpd.keyFile());
    } catch (IOException e) {
      throw new StartFailure(
          "cert-file / key-file of [httpd] in " + config.file() + ": " + FailureText.of(e)
              + "; render the partition again (it makes a missing certificate) or fix the path",
          e);
    }
  }

  private static String hostPort(HttpdSection httpd) {
    String host = IpLiteral.format(httpd.address());
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + httpd.port();
  }

  /** Symlinks may lead into the published folders and to the configured path-list targets. */
  static List<Path> allowedRoots(RuntimeConfig config) {
    MonitorSection monitor = config.conf().monitor();
    Set<Path> roots = new LinkedHashSet<>();
    roots.add(config.layout().publicFolder());
    roots.add(config.layout().privateFolder());
    roots.addAll(monitor.linkedPaths().publicPaths());
    roots.addAll(monitor.linkedPaths().privatePaths());
    // public/promise leads there.
    config.bootstrapPaths().slapgridResults().ifPresent(roots::add);
    return new ArrayList<>(roots);
  }

}
