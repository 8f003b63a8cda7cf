package slapmon.templates;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import slapmon.config.settings.HttpdConfParameters;
import slapmon.config.settings.IpLiteral;
import slapmon.config.settings.MonitorDirectoryParameters;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.Password;
import slapmon.config.settings.PromiseTimeout;
import slapmon.config.settings.Publish;
import slapmon.config.settings.PublishParameters;

/**
 * Renders the files of a partition's monitor from its settings: a pure function of {@link
 * RenderInput}, the same input giving the same output byte for byte. Cron and logrotate files are
 * not rendered: the runtime schedules promises and rolls histories over itself.
 */
public final class PartitionRenderer {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> SCRIPT = PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");

  /**
   * How long the self-signed certificate is valid: Apple clients refuse a server certificate valid
   * longer than 825 days, and the render renews it once fewer than 90 days are left.
   */
  static final int CERTIFICATE_DAYS = 825;

  static final String DEFAULT_PROMISE_TIMEOUT = PromiseTimeout.DEFAULT.toSeconds() + "\n";

  /** The sections of today's stack that install its HTTPS and bootstrap checks as plugins. */
  static final String HTTPS_PLUGIN_SECTION = "monitor-httpd-promise";

  static final String BOOTSTRAP_PLUGIN_SECTION = "monitor-bootstrap-promise";

  private PartitionRenderer() {}

  /** The password file of a partition: read it and pass its password as {@link RenderInput}'s. */
  public static Path passwordFile(MonitorSettings settings, Path partition) {
    return PartitionPaths.of(settings, partition).passwordFile();
  }

  public static RenderedPartition render(RenderInput input) {
    MonitorSettings settings = input.settings();
    PartitionPaths paths = PartitionPaths.of(settings, input.partition());
    List<String> warnings = new ArrayList<>();
    Password password = PasswordChoice.choose(input, paths, warnings);
    ParameterList parameters =
        ParameterList.of(settings, paths, input.pluginPromises().parameterFiles(), warnings);
    Map<Path, RenderedFile> files = new TreeMap<>();
    Set<Path> edited = parameters.editedFiles();
    HttpdConfParameters httpd = settings.httpd();
    add(files, edited, paths.monitorConf(),
        MonitorConfTemplate.render(settings, paths, parameters, warnings), FILE);
    add(files, edited, paths.instanceInfo(), InstanceInfoTemplate.render(settings), FILE);
    files.put(paths.promiseTimeout(), createOnce(paths.promiseTimeout(), DEFAULT_PROMISE_TIMEOUT, FILE));
    files.put(paths.passwordFile(), createOnce(paths.passwordFile(), password.text() + "\n", SECRET));
    add(files, edited, paths.serviceWrapper(),
        ShellScripts.service(input.launcher(), paths.monitorConf()), SCRIPT);
    add(files, edited, paths.promiseRunWrapper(),
        ShellScripts.promiseRun(input.launcher(), paths.monitorConf()), SCRIPT);
    List<RetiredFile> retired = new ArrayList<>();
    StackCheck https =
        new StackCheck(
            HTTPS_PLUGIN_SECTION,
            paths.promiseFolder().resolve("monitor-httpd-listening-on-tcp"),
            ShellScripts.httpsPromise(
                httpd.url() + "/private/", httpd.certFile(), paths.promiseTimeout()));
    StackCheck bootstrap =
        new StackCheck(
            BOOTSTRAP_PLUGIN_SECTION,
            paths.promiseFolder().resolve("monitor-bootstrap-status"),
            ShellScripts.bootstrapPromise(paths.bootstrapMarker()));
    for (StackCheck check : List.of(https, bootstrap)) {
      Path plugin = input.pluginPromises().files().get(check.pluginSection());
      if (plugin == null) {
        add(files, edited, check.executable(), check.script(), SCRIPT);
      } else {
        retired.add(
            new RetiredFile(check.executable(), ShellScripts.heading(check.script()), plugin));
      }
    }
    CertificateRequest certificate = certificate(settings);
    HtpasswdRequest htpasswd =
        new HtpasswdRequest(
            httpd.htpasswdFile(), paths.passwordFile(), settings.instance().username(), password);
    ConnectionValues published = published(settings, paths, password);
    return new RenderedPartition(
        folders(settings, paths, files.keySet()),
        List.copyOf(files.values()),
        certificate,
        htpasswd,
        published,
        warnings,
        retired);
  }

  /**
   * One of the stack's own checks: the executable render writes in {@code etc/promise}, unless the
   * profile installs the same check as a plugin promise (its section, as today's stack names it).
   */
  private record StackCheck(String pluginSection, Path executable, String script) {}

  /** A file kept in step with the settings, unless the web interface edits it. */
  private static void add(
      Map<Path, RenderedFile> files,
      Set<Path> edited,
      Path path,
      String content,
      Set<PosixFilePermission> mode) {
    RenderedFile.Policy policy =
        edited.contains(path) ? RenderedFile.Policy.CREATE_ONCE : RenderedFile.Policy.REPLACE;
    files.put(path, new RenderedFile(path, content, mode, policy));
  }

  private static RenderedFile createOnce(
      Path path, String content, Set<PosixFilePermission> mode) {
    return new RenderedFile(path, content, mode, RenderedFile.Policy.CREATE_ONCE);
  }

  private static CertificateRequest certificate(MonitorSettings settings) {
    HttpdConfParameters httpd = settings.httpd();
    Set<InetAddress> addresses = new LinkedHashSet<>();
    addresses.add(httpd.listeningIp());
    settings.partition().ipv4().ifPresent(addresses::add);
    return new CertificateRequest(
        httpd.certFile(),
        httpd.keyFile(),
        "slapmon " + IpLiteral.format(httpd.listeningIp()),
        List.copyOf(addresses),
        CERTIFICATE_DAYS);
  }

  private static ConnectionValues published(
      MonitorSettings settings, PartitionPaths paths, Password password) {
    URI base =
        settings
            .publishParameters()
            .map(PublishParameters::monitorBaseUrl)
            .orElse(settings.instance().baseUrl());
    PublishParameters parameters =
        PublishParameters.derive(base, settings.instance().username(), password);
    Publish publish = Publish.derive(settings.instance().interfaceUrl(), parameters);
    return new ConnectionValues(
        paths.publishFile(),
        parameters.monitorBaseUrl(),
        parameters.monitorUrl(),
        parameters.monitorUser(),
        password,
        publish.monitorSetupUrl());
  }

  /** The monitor's folders (SPEC §A.2) and the folder of every rendered or requested file. */
  private static List<RenderedFolder> folders(
      MonitorSettings settings, PartitionPaths paths, Set<Path> files) {
    MonitorDirectoryParameters dirs = settings.directories();
    Set<Path> folders = new LinkedHashSet<>();
    folders.addAll(
        List.of(
            dirs.etc(),
            dirs.bin(),
            dirs.services(),
            paths.promiseFolder(),
            paths.pluginFolder(),
            dirs.promises(),
            dirs.reports(),
            dirs.pids(),
            dirs.log(),
            dirs.monitorVar(),
            paths.partitionLog(),
            paths.bootstrapMarker().getParent(),
            dirs.publicFolder(),
            dirs.webdav(),
            settings.httpd().certFile().getParent(),
            settings.httpd().keyFile().getParent(),
            settings.httpd().htpasswdFile().getParent(),
            settings.httpd().accessLog().getParent(),
            settings.instance().configurationFilePath().getParent()));
    files.forEach(file -> folders.add(file.getParent()));
    folders.remove(dirs.privateFolder());
    List<RenderedFolder> rendered = new ArrayList<>();
    folders.forEach(folder -> rendered.add(new RenderedFolder(folder, FOLDER)));
    rendered.add(new RenderedFolder(dirs.privateFolder(), PRIVATE_FOLDER));
    return rendered;
  }
}
