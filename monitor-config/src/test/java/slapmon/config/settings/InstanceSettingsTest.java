package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.ConfigException;
import slapmon.config.buildout.BuildoutConfig;

/** Instance profiles that bind: a full one, a minimal one with every default, and the URL rules. */
final class InstanceSettingsTest {
  private static final Path P = Path.of("/srv/slapgrid/slappart7");
  private static final String MINIMAL =
      "[monitor-instance-parameter]\n"
          + "monitor-httpd-ipv6 = ::1\n"
          + "monitor-base-url = https://[::1]:8196\n";

  @TempDir Path dir;

  private Profiles profiles() {
    return new Profiles(dir);
  }

  @Test
  void full_profile_binds_every_section() throws Exception {
    Bound<MonitorSettings> bound =
        Settings.fromInstance(BuildoutConfig.load(Profiles.resource("full-instance.cfg")));
    MonitorSettings settings = bound.value();
    URI base = URI.create("https://softinst1234.host.vifib.net");
    Password password = new Password("bcuandjy");

    assertThat(bound.warnings()).isEmpty();
    assertThat(settings.instance())
        .isEqualTo(
            new InstanceParameters(
                "Webrunner-0",
                "My Webrunner",
                InetAddress.getByName("2001:db8::7"),
                8197,
                base,
                List.of(
                    URI.create("https://[2001:db8::2]:8196"),
                    URI.create("https://[2001:db8::3]:8196")),
                List.of("monitor.app.officejs.com", "example.org"),
                Path.of("/srv/slapgrid/var/data-log/collector.db"),
                "admin",
                Optional.of(password),
                List.of(
                    new ParameterLine.FileParameter("sample", P.resolve("etc/sample-param")),
                    new ParameterLine.HttpdCorsParameter(
                        "cors-domain",
                        P.resolve("etc/httpd-cors.cfg"),
                        P.resolve("etc/run/monitor-httpd-graceful"))),
                P.resolve("etc/monitor_knowledge0.cfg"),
                URI.create("https://monitor.app.officejs.com")));
    assertThat(settings.directories()).isEqualTo(MonitorDirectoryParameters.under(P));
    assertThat(settings.httpd())
        .isEqualTo(
            new HttpdConfParameters(
                InetAddress.getByName("2001:db8::7"),
                8197,
                URI.create("https://[2001:db8::7]:8197"),
                P.resolve("srv/ssl/certs/httpd.crt"),
                P.resolve("srv/ssl/certs/httpd.key"),
                P.resolve("etc/monitor-htpasswd"),
                P.resolve("etc/httpd-cors.cfg"),
                P.resolve("var/run/monitor-httpd.pid"),
                P.resolve("var/log/monitor/monitor-httpd-access.log"),
                P.resolve("var/log/monitor/monitor-httpd-error.log"),
                Optional.empty()));
    PublishParameters publishParameters = PublishParameters.derive(base, "admin", password);
    assertThat(settings.publishParameters()).contains(publishParameters);
    // The profile's own [monitor-publish] (the seed's concatenation) is taken as it is.
    assertThat(settings.publish().orElseThrow().monitorSetupUrl())
        .isEqualTo(
            "https://monitor.app.officejs.com/#page=settings_configurator"
                + "&url=https://softinst1234.host.vifib.net/public/feeds"
                + "&username=admin&password=bcuandjy");
    assertThat(settings.baseUrlDict().urls())
        .containsExactly(Map.entry("ignored", URI.create("https://[2001:db8::9]:8196")));
    assertThat(settings.linkedPaths())
        .isEqualTo(
            new LinkedPaths(List.of(), List.of(P.resolve("var/log"), P.resolve("srv/backup"))));
  }

  @Test
  void shipped_example_profile_binds_without_warnings() throws Exception {
    Path example = Path.of("../examples/instance-monitor-example.cfg").toAbsolutePath().normalize();
    Bound<MonitorSettings> bound = Settings.fromInstance(BuildoutConfig.load(example));

    assertThat(bound.warnings()).isEmpty();
    assertThat(bound.value().instance().monitorTitle()).isEqualTo("Example Instance");
    assertThat(bound.value().instance().baseUrl()).isEqualTo(URI.create("https://[::1]:8196"));
    assertThat(bound.value().publish().orElseThrow().extra()).isEmpty();
  }

  @Test
  void minimal_profile_takes_the_original_defaults() throws Exception {
    Bound<MonitorSettings> bound = profiles().bind(MINIMAL);
    MonitorSettings settings = bound.value();
    InstanceParameters instance = settings.instance();

    assertThat(bound.warnings()).isEmpty();
    assertThat(instance.monitorTitle()).isEqualTo("UNKNOWN Instance");
    assertThat(instance.rootInstanceTitle()).isEqualTo("UNKNOWN H-S");
    assertThat(instance.httpdAddress()).isEqualTo(InetAddress.getByName("::1"));
    assertThat(instance.httpdPort()).isEqualTo(8196);
    assertThat(instance.baseUrl()).isEqualTo(URI.create("https://[::1]:8196"));
    assertThat(instance.monitorUrlList()).isEmpty();
    assertThat(instance.corsDomains()).containsExactly("monitor.app.officejs.com");
    assertThat(instance.collectorDb())
        .isEqualTo(Path.of("/srv/slapgrid/var/data-log/collector.db"));
    assertThat(instance.username()).isEqualTo("admin");
    assertThat(instance.password()).isEmpty();
    assertThat(instance.instanceConfiguration()).isEmpty();
    assertThat(instance.configurationFilePath())
        .isEqualTo(dir.resolve("etc/monitor_knowledge0.cfg"));
    assertThat(instance.interfaceUrl())
        .isEqualTo(URI.create("https://monitor.app.officejs.com/#page=ojsm_landing"));
    assertThat(settings.directories()).isEqualTo(MonitorDirectoryParameters.under(dir));
    assertThat(settings.httpd().url()).isEqualTo(URI.create("https://[::1]:8196"));
    assertThat(settings.httpd().htpasswdFile()).isEqualTo(dir.resolve("etc/monitor-htpasswd"));
    assertThat(settings.publishParameters()).isEmpty();
    assertThat(settings.publish()).isEmpty();
    assertThat(settings.baseUrlDict()).isEqualTo(BaseUrlDict.empty());
    assertThat(settings.linkedPaths()).isEqualTo(LinkedPaths.defaultsUnder(dir));
    assertThat(settings.monitorUrlList()).isEmpty();
  }

  @Test
  void empty_values_count_as_absent() throws Exception {
    InstanceParameters instance =
        profiles()
            .bind(MINIMAL + "monitor-title =\nmonitor-httpd-port =\nusername =\npassword =\n")
            .value()
            .instance();

    assertThat(instance.monitorTitle()).isEqualTo("UNKNOWN Instance");
    assertThat(instance.httpdPort()).isEqualTo(8196);
    assertThat(instance.username()).isEqualTo("admin");
    assertThat(instance.password()).isEmpty();
  }

  @Test
  void empty_cors_domains_turn_cors_off() throws Exception {
    assertThat(profiles().bind(MINIMAL + "cors-domains =\n").value().instance().corsDomains())
        .isEmpty();
  }

  @Test
  void a_partial_monitor_directory_defaults_the_rest_under_the_partition() throws Exception {
    MonitorDirectoryParameters directories =
        profiles().bind(MINIMAL + "[monitor-directory]\npublic = /pub\n").value().directories();

    assertThat(directories.publicFolder()).isEqualTo(Path.of("/pub"));
    assertThat(directories.privateFolder()).isEqualTo(dir.resolve("srv/monitor/private"));
  }

  @Test
  void ipv4_listening_address_gives_an_url_without_brackets() throws Exception {
    HttpdConfParameters httpd =
        profiles()
            .bind(
                "[monitor-instance-parameter]\nmonitor-httpd-ipv6 = 10.0.0.1\n"
                    + "monitor-base-url = https://example.com\n")
            .value()
            .httpd();

    assertThat(httpd.url()).isEqualTo(URI.create("https://10.0.0.1:8196"));
  }

  @Test
  void explicit_monitor_url_list_wins_over_the_dict() throws Exception {
    MonitorSettings settings =
        profiles()
            .bind(
                MINIMAL
                    + "monitor-url-list = https://a.example https://b.example\n"
                    + "[monitor-base-url-dict]\nc = https://c.example\n")
            .value();

    assertThat(settings.monitorUrlList())
        .containsExactly(URI.create("https://a.example"), URI.create("https://b.example"));
  }

  @Test
  void empty_monitor_url_list_takes_the_dict_values_in_order() throws Exception {
    MonitorSettings settings =
        profiles()
            .bind(
                MINIMAL
                    + "monitor-url-list =\n"
                    + "[monitor-base-url-dict]\n"
                    + "zeta = https://z.example\nalpha = https://a.example\n")
            .value();

    assertThat(settings.monitorUrlList())
        .containsExactly(URI.create("https://z.example"), URI.create("https://a.example"));
  }

  @Test
  void dict_entry_without_url_is_left_out_with_a_warning() throws Exception {
    Profiles profiles = profiles();
    Bound<MonitorSettings> bound =
        profiles.bind(MINIMAL + "[monitor-base-url-dict]\nlater =\nnow = https://n.example\n");

    assertThat(bound.value().monitorUrlList()).containsExactly(URI.create("https://n.example"));
    assertThat(profiles.render(bound.warnings()))
        .containsExactly(
            "D/instance.cfg:5: warning: [monitor-base-url-dict] later:"
                + " no URL yet; this sub-monitor is left out of monitor-url-list");
  }

  @Test
  void trailing_slash_of_a_base_url_is_removed_with_a_warning() throws Exception {
    Profiles profiles = profiles();
    Bound<MonitorSettings> bound =
        profiles.bind(
            "[monitor-instance-parameter]\nmonitor-httpd-ipv6 = ::1\n"
                + "monitor-base-url = https://example.com/monitor/\n");

    assertThat(bound.value().instance().baseUrl())
        .isEqualTo(URI.create("https://example.com/monitor"));
    assertThat(profiles.render(bound.warnings()))
        .containsExactly(
            "D/instance.cfg:3: warning: [monitor-instance-parameter] monitor-base-url:"
                + " removed the trailing '/' of 'https://example.com/monitor/':"
                + " paths such as /public/feeds are appended to this URL");
  }

  @Test
  void unknown_option_is_a_warning_with_its_line() throws Exception {
    Profiles profiles = profiles();
    Bound<MonitorSettings> bound = profiles.bind(MINIMAL + "monitor-titel = typo\n");

    assertThat(profiles.render(bound.warnings()))
        .containsExactly(
            "D/instance.cfg:4: warning: [monitor-instance-parameter] monitor-titel:"
                + " unknown option 'monitor-titel' in [monitor-instance-parameter]; it is ignored;"
                + " did you mean 'monitor-title'?");
  }

  @Test
  void percent_signs_are_literal() throws Exception {
    InstanceParameters instance =
        profiles()
            .bind(
                "[monitor-instance-parameter]\nmonitor-httpd-ipv6 = ::1\n"
                    + "monitor-title = 100%(done)s \"$HOME\" `id`\n"
                    + "monitor-base-url = https://example.com/a%20b\n")
            .value()
            .instance();

    assertThat(instance.monitorTitle()).isEqualTo("100%(done)s \"$HOME\" `id`");
    assertThat(instance.baseUrl().getRawPath()).isEqualTo("/a%20b");
  }

  @Test
  void bound_settings_are_immutable() throws IOException, ConfigException {
    MonitorSettings settings = profiles().bind(MINIMAL + "cors-domains = a.example\n").value();

    assertThat(settings.instance().corsDomains()).isUnmodifiable();
    assertThat(settings.linkedPaths().privatePaths()).isUnmodifiable();
    assertThat(settings.baseUrlDict().urls()).isUnmodifiable();
  }
}
