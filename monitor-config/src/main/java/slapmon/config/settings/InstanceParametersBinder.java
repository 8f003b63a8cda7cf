package slapmon.config.settings;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@code [monitor-instance-parameter]}. Every option keeps the original template's default
 * (SPEC §A.3.2), an empty value counting as absent, except: {@code monitor-httpd-ipv6} and {@code
 * monitor-base-url}, whose defaults come from SlapOS ({@code ${slap-configuration:…}}, the
 * frontend) and are therefore required; {@code cors-domains}, where an empty value turns CORS off;
 * and {@code password}, which is left for the renderer to generate when absent.
 */
final class InstanceParametersBinder {
  static final String SECTION = "monitor-instance-parameter";

  private InstanceParametersBinder() {}

  /**
   * The section's settings, or empty when an error was reported; {@code etc} is the folder of the
   * default {@code configuration-file-path}, empty when it could not be known.
   */
  static Optional<InstanceParameters> bind(SectionReader in, Optional<Path> etc) {
    String title =
        in.optional("monitor-title", Parsers.SINGLE_LINE)
            .orElse(InstanceParameters.DEFAULT_MONITOR_TITLE);
    String rootTitle =
        in.optional("root-instance-title", Parsers.SINGLE_LINE)
            .orElse(InstanceParameters.DEFAULT_ROOT_INSTANCE_TITLE);
    Optional<InetAddress> address =
        in.required(
            "monitor-httpd-ipv6",
            Parsers.ADDRESS,
            IpLiteral.EXPECTED
                + " for the HTTPS server to listen on"
                + " (the original takes ${slap-configuration:ipv6-random})");
    int port =
        in.optional("monitor-httpd-port", Parsers.PORT_NUMBER)
            .orElse(InstanceParameters.DEFAULT_HTTPD_PORT);
    Optional<URI> baseUrl =
        in.required(
            "monitor-base-url",
            Parsers.BASE,
            Parsers.BASE_URL
                + ", the URL this monitor is reached at"
                + " (the original takes the frontend's ${monitor-frontend-promise:url})");
    List<URI> urls = in.list("monitor-url-list", Parsers.BASE).orElse(List.of());
    List<String> cors =
        in.list("cors-domains", Parsers.DOMAIN_NAME)
            .orElse(InstanceParameters.DEFAULT_CORS_DOMAINS);
    Path collectorDb =
        in.optional("collector-db", Parsers.ABSOLUTE_PATH)
            .orElse(InstanceParameters.DEFAULT_COLLECTOR_DB);
    String username =
        in.optional("username", Parsers.USER_NAME).orElse(InstanceParameters.DEFAULT_USERNAME);
    Optional<Password> password = in.optional("password", Parsers.PASSWORD);
    List<ParameterLine> lines = ParameterLines.read(in, "instance-configuration").orElse(List.of());
    Optional<Path> knowledge =
        in.optional("configuration-file-path", Parsers.ABSOLUTE_PATH)
            .or(
                () ->
                    etc.map(
                        dir -> dir.resolve(InstanceParameters.DEFAULT_CONFIGURATION_FILE_NAME)));
    URI interfaceUrl =
        in.optional("interface-url", Parsers.HTTP_URL)
            .orElse(InstanceParameters.DEFAULT_INTERFACE_URL);
    Optional<AlertmanagerSection> alertmanager = AlertmanagerBinder.bindInstance(in);
    Optional<Path> subMonitorCaFile = in.optional("sub-monitor-ca-file", Parsers.ABSOLUTE_PATH);
    in.warnUnknown();
    if (in.failed() || knowledge.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new InstanceParameters(
            title,
            rootTitle,
            address.get(),
            port,
            baseUrl.get(),
            urls,
            cors,
            collectorDb,
            username,
            password,
            lines,
            knowledge.get(),
            interfaceUrl,
            alertmanager,
            subMonitorCaFile));
  }
}
