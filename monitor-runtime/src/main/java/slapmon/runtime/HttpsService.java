package slapmon.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import slapmon.config.settings.HttpdSection;
import slapmon.config.settings.MonitorSection;
import slapmon.runtime.bootstrap.BootstrapPaths;
import slapmon.runtime.http.MonitorServer;
import slapmon.runtime.http.PemTls;
import slapmon.runtime.http.ServerSettings;
import slapmon.runtime.http.auth.BasicAuthHandler;
import slapmon.runtime.http.auth.CredentialVerifier;
import slapmon.runtime.http.auth.FailureThrottle;
import slapmon.runtime.http.auth.HtpasswdFile;
import slapmon.runtime.http.auth.SlowCheckGate;
import slapmon.runtime.http.dav.DavHandler;
import slapmon.runtime.parameters.AppliedEdits;
import slapmon.runtime.parameters.UploadQueue;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.metrics.FleetTargets;
import slapmon.runtime.metrics.MonitorMetrics;
import slapmon.runtime.state.RunnerHealth;

/** Starts the monitor's HTTPS server from {@code [httpd]} of monitor.conf, wired to the rest. */
final class HttpsService {
  static final String PRIVATE_REALM = "Private access";

  private HttpsService() {}

  static MonitorServer start(
      RuntimeConfig config,
      HttpdSection httpd,
      PromiseEngine engine,
      AppliedEdits edits,
      Clock clock)
      throws IOException {
    MonitorSection monitor = config.conf().monitor();
    Path publicFolder = monitor.folders().publicFolder();
    Path privateFolder = monitor.folders().privateFolder();
    List<Path> allowedRoots = allowedRoots(config);
    HtpasswdFile htpasswd = HtpasswdFile.watch(httpd.htpasswdFile(), clock);
    edits.onHtpasswdWritten(written -> htpasswd.recheckNow());
    CredentialVerifier credentials = CredentialVerifier.of(htpasswd, clock);
    FailureThrottle throttle = new FailureThrottle(clock);
    SlowCheckGate gate = new SlowCheckGate();
    CorsReload cors = new CorsReload(config.file(), httpd.corsDomains(), edits::corsDomains, clock);
    ServerSettings settings =
        new ServerSettings(
            httpd.address(),
            httpd.port(),
            PemTls.context(httpd.certificateFile(), httpd.keyFile()),
            publicFolder,
            privateFolder,
            allowedRoots,
            cors,
            httpd.accessLog());
    DavHandler dav =
        new DavHandler(
            monitor.folders().webdavFolder(),
            "/share",
            new LinkedHashSet<>(allowedRoots),
            config.bootstrapPaths().ownedPaths(),
            clock,
            new UploadQueue(config.bootstrapPaths().configDocuments()));
    MonitorServer server =
        MonitorServer.start(
            settings,
            next -> new BasicAuthHandler(next, credentials, throttle, gate, PRIVATE_REALM),
            dav,
            metrics(config, httpd, engine, clock)::render,
            Optional.of(
                new FleetTargets(monitor.baseUrl(), monitor.title(), monitor.rootTitle(),
                    monitor.monitorUrlList(), privateFolder)::render));
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
            monitor.folders().publicFolder(),
            monitor.folders().privateFolder(),
            Optional.of(httpd.certificateFile()),
            now -> new RunnerHealth(
                engine.lastRun(), engine.nextRun().orElse(now.plus(engine.period())),
                engine.period()),
            () -> engine.counters().snapshot()),
        clock);
  }

  /** Symlinks may lead into the published folders and to the configured path-list targets. */
  static List<Path> allowedRoots(RuntimeConfig config) {
    MonitorSection monitor = config.conf().monitor();
    Set<Path> roots = new LinkedHashSet<>();
    roots.add(monitor.folders().publicFolder());
    roots.add(monitor.folders().privateFolder());
    roots.addAll(monitor.linkedPaths().publicPaths());
    roots.addAll(monitor.linkedPaths().privatePaths());
    // public/promise leads there.
    config.bootstrapPaths().slapgridResults().ifPresent(roots::add);
    return new ArrayList<>(roots);
  }

}
