package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import slapmon.config.ini.IniDocument;

/**
 * {@code etc/monitor.conf} bound to {@link MonitorConf}: the SPEC's example, the 2018 layout,
 * errors.
 */
final class MonitorConfTest {
  private static final Path P = Path.of("/srv/slapgrid/slappart7");
  private static final String SR = "/opt/slapgrid/0123456789abcdef/bin/";

  /** A [monitor] section with every required key, in the 2018 layout (no seed-era promise keys). */
  static final String MONITOR_2018 =
      "[monitor]\n"
          + "title = Webrunner-0\n"
          + "root-title = My Webrunner\n"
          + "public-folder = /p/srv/monitor/public\n"
          + "private-folder = /p/srv/monitor/private\n"
          + "webdav-folder = /p/srv/monitor/webdav\n"
          + "base-url = https://softinst1234.host.vifib.net\n"
          + "service-pid-folder = /p/var/run/monitor\n"
          + "pid-file = /p/var/run/monitor/monitor-bootstrap.pid\n"
          + "promise-output-file = /p/srv/monitor/monitor-bootstrap-status\n"
          + "log-folder = /p/var/log/monitor\n"
          + "document-folder = /p/srv/monitor/private/documents\n"
          + "public-path-list =\n"
          + "private-path-list = /p/var/log\n"
          + "monitor-url-list =\n"
          + "parameter-file-path = /p/etc/monitor_knowledge0.cfg\n"
          + "parameter-list = raw monitor-user admin\n";

  private static final String PROMISES_2018 =
      "[promises]\n"
          + "output-folder = /p/srv/monitor/public/promise\n"
          + "history-folder = /p/srv/monitor/public\n"
          + "promise-folder = /p/etc/plugin\n"
          + "legacy-promise-folder = /p/etc/promise\n"
          + "pid-path = /p/var/run/monitor/runpromise.pid\n"
          + "partition-folder = /p\n"
          + "master-url = https://slap.example.com:5000\n"
          + "partition-cert = /p/etc/partition.crt\n"
          + "partition-key = /p/etc/partition.key\n"
          + "partition-id = slappart0\n"
          + "computer-id = COMP-1234\n"
          + "ipv4 = 10.0.33.7\n"
          + "ipv6 = 2001:db8::7\n"
          + "software-release = https://lab.example.com/software.cfg\n"
          + "software-type = default\n";

  @Test
  void spec_example_binds_with_every_key_typed() throws Exception {
    Path file = Profiles.resource("monitor.conf");
    Bound<MonitorConf> bound = Settings.fromMonitorConf(IniDocument.read(file));
    MonitorSection monitor = bound.value().monitor();

    assertThat(bound.warnings()).isEmpty();
    assertThat(bound.value().promises()).isEmpty();
    assertThat(monitor.title()).isEqualTo("Webrunner-0");
    assertThat(monitor.rootTitle()).isEqualTo("My Webrunner");
    assertThat(monitor.baseUrl()).isEqualTo(URI.create("https://softinst1234.host.vifib.net"));
    assertThat(monitor.monitorUrlList())
        .containsExactly(
            URI.create("https://[2001:db8::2]:8196"), URI.create("https://[2001:db8::3]:8196"));
    assertThat(monitor.folders())
        .isEqualTo(
            new MonitorConfFolders(
                P.resolve("srv/monitor/public"),
                P.resolve("srv/monitor/private"),
                P.resolve("srv/monitor/webdav"),
                P.resolve("var/run/monitor"),
                P.resolve("var/run/monitor/monitor-bootstrap.pid"),
                P.resolve("srv/monitor/monitor-bootstrap-status"),
                Optional.empty(),
                Optional.empty()));
    assertThat(monitor.linkedPaths())
        .isEqualTo(new LinkedPaths(List.of(), List.of(P.resolve("var/log"))));
    assertThat(monitor.parameterFilePath()).isEqualTo(P.resolve("etc/monitor_knowledge0.cfg"));
    assertThat(monitor.parameterList())
        .containsExactly(
            new ParameterLine.Raw("monitor-user", "admin"),
            new ParameterLine.HtpasswdParameter(
                "monitor-password",
                P.resolve("etc/.monitor_pwd"),
                "admin",
                P.resolve("etc/monitor-htpasswd")),
            new ParameterLine.FileParameter("promise-timeout", P.resolve("etc/promise_timeout")),
            new ParameterLine.FileParameter(
                "min-free-disk-MB", P.resolve("etc/min-free-disk-size")));
    assertThat(monitor.seedEra())
        .isEqualTo(
            new SeedEraPaths(
                Optional.of(P.resolve("etc/monitor-report")),
                Optional.of(P.resolve("etc/promise")),
                Optional.of(P.resolve("etc/monitor-promise")),
                Optional.of(P.resolve("etc/promise_timeout")),
                Optional.of(Path.of("/srv/slapgrid/var/data-log/collector.db"))));
  }

  @Test
  void layout_of_2018_binds_its_promises_section() throws Exception {
    Bound<MonitorConf> bound = Profiles.monitorConf(MONITOR_2018 + PROMISES_2018);
    PromisesSection promises = bound.value().promises().orElseThrow();

    assertThat(bound.warnings()).isEmpty();
    assertThat(bound.value().monitor().folders().logFolder())
        .contains(Path.of("/p/var/log/monitor"));
    assertThat(bound.value().monitor().folders().documentFolder())
        .contains(Path.of("/p/srv/monitor/private/documents"));
    assertThat(bound.value().monitor().seedEra())
        .isEqualTo(
            new SeedEraPaths(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    assertThat(promises)
        .isEqualTo(
            new PromisesSection(
                Path.of("/p/etc/plugin"),
                Optional.of(Path.of("/p/etc/promise")),
                Path.of("/p/srv/monitor/public/promise"),
                Optional.of(Path.of("/p/srv/monitor/public")),
                Optional.of(Path.of("/p/var/run/monitor/runpromise.pid")),
                Duration.ofSeconds(20),
                false,
                new SlapPartition(
                    Optional.of(Path.of("/p")),
                    Optional.of("slappart0"),
                    Optional.of("COMP-1234"),
                    Optional.of(InetAddress.getByName("10.0.33.7")),
                    Optional.of(InetAddress.getByName("2001:db8::7")),
                    Optional.of("https://lab.example.com/software.cfg"),
                    Optional.of("default")),
                new SlapMaster(
                    Optional.of(URI.create("https://slap.example.com:5000")),
                    Optional.of(Path.of("/p/etc/partition.crt")),
                    Optional.of(Path.of("/p/etc/partition.key")))));
  }

  @Test
  void promise_timeout_and_check_anomaly_are_read_d4_32() throws Exception {
    PromisesSection promises =
        Profiles.monitorConf(
                MONITOR_2018
                    + "[promises]\npromise-folder = /p/etc/plugin\noutput-folder = /p/out\n"
                    + "promise-timeout = 45s\ncheck-anomaly = True\n")
            .value()
            .promises()
            .orElseThrow();

    assertThat(promises.promiseTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(promises.checkAnomaly()).isTrue();
    assertThat(promises.partition().ipv6()).isEmpty();
  }

  @Test
  void plugin_python_and_run_plugins_are_read_and_absent_by_default() throws Exception {
    String section = "[promises]\npromise-folder = /p/etc/plugin\noutput-folder = /p/out\n";
    PromisesSection promises =
        Profiles.monitorConf(
                MONITOR_2018 + section + "plugin-python = /opt/sr/bin/python3\nrun-plugins = yes\n")
            .value()
            .promises()
            .orElseThrow();
    assertThat(promises.pluginPython()).contains(Path.of("/opt/sr/bin/python3"));
    assertThat(promises.runPlugins()).isTrue();

    PromisesSection plain =
        Profiles.monitorConf(MONITOR_2018 + section).value().promises().orElseThrow();
    assertThat(plain.pluginPython()).isEmpty();
    assertThat(plain.runPlugins()).isFalse();
  }

  @Test
  void values_are_literal_percent_signs_included_d4_31() throws Exception {
    MonitorSection monitor =
        Profiles.monitorConf(
                MONITOR_2018.replace("title = Webrunner-0", "title = 100% %(done)s")
                    + PROMISES_2018)
            .value()
            .monitor();

    assertThat(monitor.title()).isEqualTo("100% %(done)s");
  }

  @Test
  void missing_monitor_section_is_one_error() throws Exception {
    assertThat(Profiles.monitorConfErrors(PROMISES_2018))
        .containsExactly(
            "monitor.conf: error: [monitor] missing: expected a [monitor] section with title,"
                + " base-url, the folders and parameter-list");
  }

  @Test
  void missing_required_keys_are_each_reported() throws Exception {
    assertThat(Profiles.monitorConfErrors("[monitor]\ntitle = x\n" + PROMISES_2018))
        .containsExactly(
            "monitor.conf: error: [monitor] root-title: missing: expected the hosting subscription"
                + " title",
            "monitor.conf: error: [monitor] base-url: missing:"
                + " expected an absolute http or https URL without query or fragment",
            "monitor.conf: error: [monitor] monitor-url-list: missing: expected the sub-monitors'"
                + " base URLs separated by white space (the option may be empty)",
            "monitor.conf: error: [monitor] public-folder: missing: expected an absolute path",
            "monitor.conf: error: [monitor] private-folder: missing: expected an absolute path",
            "monitor.conf: error: [monitor] webdav-folder: missing: expected an absolute path",
            "monitor.conf: error: [monitor] service-pid-folder: missing: expected an absolute path",
            "monitor.conf: error: [monitor] pid-file: missing: expected an absolute path",
            "monitor.conf: error: [monitor] promise-output-file: missing: expected an absolute"
                + " path",
            "monitor.conf: error: [monitor] public-path-list: missing:"
                + " expected absolute paths separated by white space (the option may be empty)",
            "monitor.conf: error: [monitor] private-path-list: missing:"
                + " expected absolute paths separated by white space (the option may be empty)",
            "monitor.conf: error: [monitor] parameter-file-path: missing: expected an absolute"
                + " path",
            "monitor.conf: error: [monitor] parameter-list: missing:"
                + " expected the parameter lines (the option may be empty)");
  }

  @Test
  void promise_folder_must_be_known_from_one_of_the_two_layouts() throws Exception {
    assertThat(Profiles.monitorConfErrors(MONITOR_2018))
        .containsExactly(
            "monitor.conf: error: [monitor] promise-folder: missing: expected the folder of the"
                + " promises to run: [monitor] promise-folder (files written before 2018)"
                + " or a [promises] section");
  }

  @Test
  void invalid_values_of_both_sections_are_collected() throws Exception {
    String conf =
        MONITOR_2018.replace(
                "private-path-list = /p/var/log", "private-path-list = /p/var/log var/x")
            + "[promises]\n"
            + "promise-folder = etc/plugin\n"
            + "promise-timeout = twenty\n"
            + "check-anomaly = maybe\n"
            + "ipv4 = 2001:db8::7\n"
            + "ipv6 = 10.0.0.1\n"
            + "master-url = slap.example.com\n";

    assertThat(Profiles.monitorConfErrors(conf))
        .containsExactly(
            "monitor.conf:14: error: [monitor] private-path-list: expected an absolute path, got"
                + " 'var/x'",
            "monitor.conf:19: error: [promises] promise-folder: expected an absolute path, got"
                + " 'etc/plugin'",
            "monitor.conf:20: error: [promises] promise-timeout:"
                + " expected whole seconds from 1 to 3600 such as 20 or 20s, got 'twenty'",
            "monitor.conf:21: error: [promises] check-anomaly: expected true or false, got 'maybe'",
            "monitor.conf:22: error: [promises] ipv4:"
                + " expected an IPv4 address literal such as 10.0.0.1, got '2001:db8::7'",
            "monitor.conf:23: error: [promises] ipv6:"
                + " expected an IPv6 address literal such as 2001:db8::1, got '10.0.0.1'",
            "monitor.conf:24: error: [promises] master-url:"
                + " expected an absolute http or https URL, got 'slap.example.com'",
            "monitor.conf: error: [promises] output-folder: missing:"
                + " expected an absolute path, the folder of the promise results");
  }

  @Test
  void unknown_keys_warn_and_legacy_command_keys_are_silently_accepted() throws Exception {
    Bound<MonitorConf> bound =
        Profiles.monitorConf(
            MONITOR_2018
                + "randomsleep = "
                + SR
                + "randomsleep\n"
                + "promise-runner = "
                + SR
                + "monitor.runpromise\n"
                + "colour = blue\n"
                + PROMISES_2018
                + "extra = 1\n");

    assertThat(bound.warnings().stream().map(Object::toString))
        .containsExactly(
            "monitor.conf:20: warning: [monitor] colour: unknown option 'colour' in [monitor]; it"
                + " is ignored",
            "monitor.conf:37: warning: [promises] extra: unknown option 'extra' in [promises]; it"
                + " is ignored");
  }

  @Test
  void empty_optional_key_counts_as_absent() throws Exception {
    MonitorSection monitor =
        Profiles.monitorConf(
                MONITOR_2018 + "monitor-promise-folder =\npromise-folder = /p/etc/promise\n")
            .value()
            .monitor();

    assertThat(monitor.seedEra().monitorPromiseFolder()).isEmpty();
    assertThat(monitor.seedEra().promiseFolder()).contains(Path.of("/p/etc/promise"));
  }

  @Test
  void sub_monitor_ca_file_is_an_optional_absolute_path() throws Exception {
    assertThat(Profiles.monitorConf(MONITOR_2018 + PROMISES_2018).value().monitor()
        .subMonitorCaFile()).isEmpty();
    assertThat(Profiles.monitorConf(MONITOR_2018 + "sub-monitor-ca-file = /p/etc/ca.pem\n"
        + PROMISES_2018).value().monitor().subMonitorCaFile()).contains(Path.of("/p/etc/ca.pem"));
    assertThat(Profiles.monitorConfErrors(MONITOR_2018 + "sub-monitor-ca-file = ca.pem\n"
        + PROMISES_2018)).singleElement().asString()
        .contains("[monitor] sub-monitor-ca-file: expected an absolute path");
  }

  @Test
  void httpd_section_is_optional_and_typed() throws Exception {
    assertThat(Profiles.monitorConf(MONITOR_2018 + PROMISES_2018).value().httpd()).isEmpty();
    HttpdSection httpd =
        Profiles.monitorConf(
                MONITOR_2018
                    + PROMISES_2018
                    + "[httpd]\nlisten-address = 2001:db8::7\nport = 8196\n"
                    + "cert-file = /p/etc/ssl/httpd.crt\nkey-file = /p/etc/ssl/httpd.key\n"
                    + "htpasswd-file = /p/etc/monitor-htpasswd\n"
                    + "cors-domains = monitor.app.officejs.com  example.org\n")
            .value()
            .httpd()
            .orElseThrow();
    assertThat(httpd.port()).isEqualTo(8196);
    assertThat(httpd.address().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:7");
    assertThat(httpd.corsDomains()).containsExactly("monitor.app.officejs.com", "example.org");
    assertThat(httpd.accessLog()).isEmpty();
  }

  @Test
  void httpd_section_reports_each_bad_or_missing_key() throws Exception {
    assertThat(
            Profiles.monitorConfErrors(
                MONITOR_2018 + PROMISES_2018 + "[httpd]\nlisten-address = localhost\nport = 0\n"))
        .containsExactly(
            "monitor.conf:35: error: [httpd] listen-address: expected an IPv6 or IPv4 address"
                + " literal such as 2001:db8::1 or 10.0.0.1, got 'localhost'",
            "monitor.conf:36: error: [httpd] port: expected a port number from 1 to 65535, got '0'",
            "monitor.conf: error: [httpd] cert-file: missing: expected an absolute path to a PEM"
                + " certificate",
            "monitor.conf: error: [httpd] key-file: missing: expected an absolute path to a PEM"
                + " private key",
            "monitor.conf: error: [httpd] htpasswd-file: missing: expected an absolute path to an"
                + " htpasswd file");
  }

  @Test
  void alertmanager_section_is_optional_and_typed() throws Exception {
    assertThat(Profiles.monitorConf(MONITOR_2018 + PROMISES_2018).value().alertmanager())
        .isEmpty();
    AlertmanagerSection alerts =
        Profiles.monitorConf(
                MONITOR_2018
                    + PROMISES_2018
                    + "[alertmanager]\nurl-list = http://[::1]:9093\n  https://am.example.org/am\n"
                    + "user = slapmon\npassword-file = /p/etc/.alertmanager-password\n"
                    + "ca-file = /p/etc/ca.crt\nfailure-threshold = 2\n"
                    + "promise-failure-threshold = check-site:5 odd:name:3\n"
                    + "resend-interval = 30\n")
            .value()
            .alertmanager()
            .orElseThrow();
    assertThat(alerts.urls())
        .containsExactly(URI.create("http://[::1]:9093"), URI.create("https://am.example.org/am"));
    assertThat(alerts.user()).contains("slapmon");
    assertThat(alerts.passwordFile()).contains(Path.of("/p/etc/.alertmanager-password"));
    assertThat(alerts.caFile()).contains(Path.of("/p/etc/ca.crt"));
    assertThat(alerts.failureThreshold("check-site")).isEqualTo(5);
    assertThat(alerts.failureThreshold("odd:name")).isEqualTo(3);
    assertThat(alerts.failureThreshold("any-other")).isEqualTo(2);
    assertThat(alerts.resendInterval()).isEqualTo(Duration.ofSeconds(30));
    AlertmanagerSection defaults =
        Profiles.monitorConf(MONITOR_2018 + PROMISES_2018 + "[alertmanager]\nurl-list = http://a\n")
            .value()
            .alertmanager()
            .orElseThrow();
    assertThat(defaults.failureThreshold("x")).isEqualTo(1);
    assertThat(defaults.resendInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.user()).isEmpty();
  }

  @Test
  void alertmanager_section_reports_each_bad_or_missing_key() throws Exception {
    assertThat(
            Profiles.monitorConfErrors(
                MONITOR_2018
                    + PROMISES_2018
                    + "[alertmanager]\nurl-list =\nuser = slapmon\nfailure-threshold = 0\n"
                    + "promise-failure-threshold = check-site\n"))
        .containsExactly(
            "monitor.conf:37: error: [alertmanager] failure-threshold: expected a whole number of"
                + " failed runs from 1 to 10000, got '0'",
            "monitor.conf:38: error: [alertmanager] promise-failure-threshold: expected"
                + " PROMISE-TITLE:COUNT with COUNT from 1 to 10000, such as check-site:3,"
                + " got 'check-site'",
            "monitor.conf: error: [alertmanager] url-list: missing: expected the base URL of one"
                + " Alertmanager or more",
            "monitor.conf: error: [alertmanager] password-file: missing: expected an absolute path"
                + " to the file of the Basic auth password");
  }
}
