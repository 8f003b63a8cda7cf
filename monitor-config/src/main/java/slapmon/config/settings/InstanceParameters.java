package slapmon.config.settings;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code [monitor-instance-parameter]}, the options a software release overrides to customise its
 * monitor (SPEC §A.3.2), one component per option, defaults applied.
 *
 * <p>{@code httpdAddress} is a literal address: use {@link InetAddress#getHostAddress()}, never
 * {@code getHostName()} (which would look the address up). {@code baseUrl} and the URLs of {@code
 * monitorUrlList} never end with {@code /}: the binder removes trailing slashes, with a warning,
 * because paths such as {@code /public/feeds} are appended to them. {@code password} is empty when
 * the profile sets none and one must be generated. {@code corsDomains} is empty when CORS is off.
 *
 * @param monitorTitle {@code monitor-title}
 * @param rootInstanceTitle {@code root-instance-title}
 * @param httpdAddress {@code monitor-httpd-ipv6}
 * @param httpdPort {@code monitor-httpd-port}
 * @param baseUrl {@code monitor-base-url}
 * @param monitorUrlList {@code monitor-url-list}, as written (see {@link
 *     MonitorSettings#monitorUrlList()} for the list in effect)
 * @param corsDomains {@code cors-domains}
 * @param collectorDb {@code collector-db}
 * @param username {@code username}
 * @param password {@code password}
 * @param instanceConfiguration {@code instance-configuration}
 * @param configurationFilePath {@code configuration-file-path}
 * @param interfaceUrl {@code interface-url}
 * @param alertmanager the {@code alertmanager-} options, when {@code alertmanager-url-list} names
 *     one
 * @param subMonitorCaFile {@code sub-monitor-ca-file}, PEM certificates that the sub-monitors'
 *     certificates may chain to besides the JDK's default ones (a partition CA, self-signed ones)
 */
public record InstanceParameters(
    String monitorTitle,
    String rootInstanceTitle,
    InetAddress httpdAddress,
    int httpdPort,
    URI baseUrl,
    List<URI> monitorUrlList,
    List<String> corsDomains,
    Path collectorDb,
    String username,
    Optional<Password> password,
    List<ParameterLine> instanceConfiguration,
    Path configurationFilePath,
    URI interfaceUrl,
    Optional<AlertmanagerSection> alertmanager,
    Optional<Path> subMonitorCaFile) {

  public static final String DEFAULT_MONITOR_TITLE = "UNKNOWN Instance";
  public static final String DEFAULT_ROOT_INSTANCE_TITLE = "UNKNOWN H-S";
  public static final int DEFAULT_HTTPD_PORT = 8196;
  public static final List<String> DEFAULT_CORS_DOMAINS = List.of("monitor.app.officejs.com");
  public static final Path DEFAULT_COLLECTOR_DB =
      Path.of("/srv/slapgrid/var/data-log/collector.db");
  public static final String DEFAULT_USERNAME = "admin";
  public static final URI DEFAULT_INTERFACE_URL =
      URI.create("https://monitor.app.officejs.com/#page=ojsm_landing");

  /** {@code configuration-file-path} defaults to this file in {@code [monitor-directory] etc}. */
  public static final String DEFAULT_CONFIGURATION_FILE_NAME = "monitor_knowledge0.cfg";

  public InstanceParameters {
    Checks.line(monitorTitle, "monitorTitle");
    Checks.line(rootInstanceTitle, "rootInstanceTitle");
    Objects.requireNonNull(httpdAddress, "httpdAddress");
    Checks.port(httpdPort, "httpdPort");
    Checks.baseUrl(baseUrl, "baseUrl");
    monitorUrlList = Checks.allBaseUrls(List.copyOf(monitorUrlList), "monitorUrlList");
    corsDomains = List.copyOf(corsDomains);
    Checks.absolute(collectorDb, "collectorDb");
    Checks.line(username, "username");
    Objects.requireNonNull(password, "password");
    instanceConfiguration = List.copyOf(instanceConfiguration);
    Checks.absolute(configurationFilePath, "configurationFilePath");
    Checks.httpUrl(interfaceUrl, "interfaceUrl");
    Objects.requireNonNull(alertmanager, "alertmanager");
    Objects.requireNonNull(subMonitorCaFile, "subMonitorCaFile");
    subMonitorCaFile.ifPresent(path -> Checks.absolute(path, "subMonitorCaFile"));
  }

  /** Without an Alertmanager and without {@code sub-monitor-ca-file}. */
  public InstanceParameters(
      String monitorTitle,
      String rootInstanceTitle,
      InetAddress httpdAddress,
      int httpdPort,
      URI baseUrl,
      List<URI> monitorUrlList,
      List<String> corsDomains,
      Path collectorDb,
      String username,
      Optional<Password> password,
      List<ParameterLine> instanceConfiguration,
      Path configurationFilePath,
      URI interfaceUrl) {
    this(
        monitorTitle, rootInstanceTitle, httpdAddress, httpdPort, baseUrl, monitorUrlList,
        corsDomains, collectorDb, username, password, instanceConfiguration, configurationFilePath,
        interfaceUrl, Optional.empty(), Optional.empty());
  }
}
