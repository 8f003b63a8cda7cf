package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Instance profiles that do not bind, each with the exact diagnostics it gives: where, which
 * section and option, the value found and what was expected.
 */
final class InstanceErrorsTest {
  private static final String SECTION = "[monitor-instance-parameter]\n";
  private static final String ADDRESS =
      "expected an IPv6 or IPv4 address literal such as 2001:db8::1 or 10.0.0.1";
  private static final String BASE_URL =
      "expected an absolute http or https URL without query or fragment";

  @TempDir Path dir;

  /** The errors of a profile whose line 2 is {@code option = value}, lines 3-4 being valid. */
  private String errorOf(String option, String value) throws Exception {
    String valid =
        (option.equals("monitor-httpd-ipv6") ? "" : "monitor-httpd-ipv6 = ::1\n")
            + (option.equals("monitor-base-url") ? "" : "monitor-base-url = https://example.com\n");
    return String.join(
        "\n", new Profiles(dir).errorsOf(SECTION + option + " = " + value + "\n" + valid));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "localhost",
        "example.com",
        "[::1]",
        "fe80::1%eth0",
        "300.1.1.1",
        "10.1",
        "010.0.0.1",
        "::1::2",
        "2001:db8::g",
        "1234",
      })
  void httpd_address_must_be_a_literal(String value) throws Exception {
    assertThat(errorOf("monitor-httpd-ipv6", value))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-httpd-ipv6: "
                + ADDRESS
                + ", got '"
                + value
                + "'");
  }

  @ParameterizedTest
  @CsvSource({"http", "0", "65536", "-1", "8196.0", "123456"})
  void httpd_port_must_be_from_1_to_65535(String value) throws Exception {
    assertThat(errorOf("monitor-httpd-port", value))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-httpd-port:"
                + " expected a port number from 1 to 65535, got '"
                + value
                + "'");
  }

  @ParameterizedTest
  @CsvSource({
    "localhost:8196",
    "softinst1234.host.vifib.net",
    "ftp://example.com",
    "https://example.com/?a=b",
    "https://example.com#top",
    "https:///path",
  })
  void base_url_must_be_absolute_http_without_query_or_fragment(String value) throws Exception {
    assertThat(errorOf("monitor-base-url", value))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-base-url: "
                + BASE_URL
                + ", got '"
                + value
                + "'");
  }

  @Test
  void each_bad_url_of_monitor_url_list_is_reported() throws Exception {
    assertThat(errorOf("monitor-url-list", "https://a.example not-a-url\n  mailto:x@y"))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-url-list: "
                + BASE_URL
                + ", got 'not-a-url'\n"
                + "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-url-list: "
                + BASE_URL
                + ", got 'mailto:x@y'");
  }

  @ParameterizedTest
  @CsvSource({
    "https://monitor.app.officejs.com",
    "example.com:443",
    "-bad.example",
    "a..b",
    "*.example"
  })
  void cors_domains_must_be_domain_names(String value) throws Exception {
    assertThat(errorOf("cors-domains", "example.org " + value))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] cors-domains:"
                + " expected a domain name such as monitor.app.officejs.com, got '"
                + value
                + "'");
  }

  @ParameterizedTest
  @CsvSource({"collector-db", "configuration-file-path"})
  void paths_must_be_absolute(String option) throws Exception {
    assertThat(errorOf(option, "var/data"))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] "
                + option
                + ": expected an absolute path, got 'var/data'");
  }

  @ParameterizedTest
  @CsvSource({"'ad min'", "a:b"})
  void username_has_no_white_space_or_colon(String value) throws Exception {
    assertThat(errorOf("username", value))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] username:"
                + " expected a user name without white space or ':', got '"
                + value
                + "'");
  }

  @Test
  void multi_line_password_is_refused_without_showing_it() throws Exception {
    assertThat(errorOf("password", "secret\n  more-secret"))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] password:"
                + " expected a password on a single line; the value found has 2 lines (not shown)")
        .doesNotContain("secret'");
  }

  @Test
  void multi_line_title_is_refused_with_its_lines_shown_escaped() throws Exception {
    assertThat(errorOf("monitor-title", "first\n  second"))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-title:"
                + " expected a single line of text, got 'first\\nsecond'");
  }

  @Test
  void interface_url_must_be_an_absolute_http_url() throws Exception {
    assertThat(errorOf("interface-url", "monitor.app.officejs.com"))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter] interface-url:"
                + " expected an absolute http or https URL, got 'monitor.app.officejs.com'");
  }

  @Test
  void alertmanager_failure_thresholds_are_whole_numbers_of_runs() throws Exception {
    assertThat(errorOf("alertmanager-promise-failure-threshold", "check-site:0 check-disk:2"))
        .isEqualTo(
            "D/instance.cfg:2: error: [monitor-instance-parameter]"
                + " alertmanager-promise-failure-threshold: expected PROMISE-TITLE:COUNT with COUNT"
                + " from 1 to 10000, such as check-site:3, got 'check-site:0'");
  }

  @Test
  void options_without_a_builtin_default_are_reported_missing() throws Exception {
    assertThat(new Profiles(dir).errorsOf("[buildout]\nparts =\n"))
        .containsExactly(
            "D/instance.cfg: error: [monitor-instance-parameter] monitor-httpd-ipv6: missing:"
                + " expected an IPv6 or IPv4 address literal such as 2001:db8::1 or 10.0.0.1"
                + " for the HTTPS server to listen on"
                + " (the original takes ${slap-configuration:ipv6-random})",
            "D/instance.cfg: error: [monitor-instance-parameter] monitor-base-url: missing:"
                + " expected an absolute http or https URL without query or fragment,"
                + " the URL this monitor is reached at"
                + " (the original takes the frontend's ${monitor-frontend-promise:url})");
  }

  @Test
  void several_errors_of_several_sections_are_collected_at_once() throws Exception {
    String profile =
        SECTION
            + "monitor-httpd-ipv6 = localhost\n"
            + "monitor-httpd-port = http\n"
            + "monitor-base-url = softinst1234.host.vifib.net\n"
            + "instance-configuration =\n"
            + "  file  sample  relative/param\n"
            + "[monitor-directory]\n"
            + "public = srv/monitor/public\n"
            + "[monitor-httpd-conf-parameter]\n"
            + "port = 99999\n"
            + "[monitor-publish-parameters]\n"
            + "monitor-base-url = https://example.com\n"
            + "[monitor-base-url-dict]\n"
            + "child = child.example\n";

    assertThat(new Profiles(dir).errorsOf(profile))
        .containsExactly(
            "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-httpd-ipv6: "
                + ADDRESS
                + ", got 'localhost'",
            "D/instance.cfg:3: error: [monitor-instance-parameter] monitor-httpd-port:"
                + " expected a port number from 1 to 65535, got 'http'",
            "D/instance.cfg:4: error: [monitor-instance-parameter] monitor-base-url: "
                + BASE_URL
                + ", got 'softinst1234.host.vifib.net'",
            "D/instance.cfg:5: error: [monitor-instance-parameter] instance-configuration:"
                + " in 'file  sample  relative/param': expected an absolute path as PATH,"
                + " got 'relative/param'",
            "D/instance.cfg:8: error: [monitor-directory] public:"
                + " expected an absolute path, got 'srv/monitor/public'",
            "D/instance.cfg:10: error: [monitor-httpd-conf-parameter] port:"
                + " expected a port number from 1 to 65535, got '99999'",
            "D/instance.cfg:14: error: [monitor-base-url-dict] child: "
                + BASE_URL
                + ", got 'child.example'",
            "D/instance.cfg: error: [monitor-publish-parameters] monitor-url: missing: expected an"
                + " absolute http or https URL, the OPML at monitor-base-url/public/feeds",
            "D/instance.cfg: error: [monitor-publish-parameters] monitor-user: missing:"
                + " expected a user name without white space or ':'",
            "D/instance.cfg: error: [monitor-publish-parameters] monitor-password: missing:"
                + " expected the monitor password");
  }

  @Test
  void broken_reference_is_reported_once_without_cascading_missing_options() throws Exception {
    assertThat(new Profiles(dir).errorsOf(SECTION + "monitor-title = ${nope:title}\n"))
        .containsExactly(
            "D/instance.cfg:2: error: [monitor-instance-parameter] monitor-title:"
                + " ${nope:title} refers to section [nope], which does not exist");
  }

  @Test
  void publish_without_its_own_options_is_reported() throws Exception {
    String profile =
        SECTION
            + "monitor-httpd-ipv6 = ::1\nmonitor-base-url = https://example.com\n"
            + "[monitor-publish]\n"
            + "monitor-base-url = https://example.com/?x\n"
            + "custom = kept\n";

    assertThat(new Profiles(dir).errorsOf(profile))
        .containsExactly(
            "D/instance.cfg:5: error: [monitor-publish] monitor-base-url: "
                + BASE_URL
                + ", got 'https://example.com/?x'",
            "D/instance.cfg: error: [monitor-publish] monitor-setup-url: missing: expected the URL"
                + " that opens this monitor in the monitoring web app, on a single line");
  }
}
