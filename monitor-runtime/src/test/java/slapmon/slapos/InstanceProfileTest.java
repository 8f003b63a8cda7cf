package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import slapmon.config.Value;
import slapmon.config.buildout.BuildoutConfig;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.Publish;
import slapmon.config.settings.Settings;

/**
 * {@code instance-monitor.cfg.jinja2}, as a software release's build renders it (real Jinja2, the
 * context {@code software.cfg} gives), extended by an SR-like instance profile and resolved by the
 * real zc.buildout: every {@code ${section:option}} of every section resolves, and the file handed
 * to {@code slapmon render --resolved} (the inline template of {@code [monitor-instance-file]}
 * rendered by the real Jinja2 with the resolved sections) binds to the same {@link MonitorSettings}
 * as slapmon's own reader gives for the same profile files.
 *
 * <p>Recipes are not installed. What some of them compute at init is emulated by {@code
 * slapos_oracle.py}, only in the options they set: {@code slapos.recipe.build} runs the template's
 * real {@code init} code; {@code generate.password} gives {@code passwd} (the stored file's content,
 * or random letters and digits); {@code requestoptional} gives {@code connection-*} from the
 * scenario's master answers. slapmon's own reader gets those computed values as literal options
 * in a profile extending the instance profile ({@link InstanceProfile#withComputedOptions}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class InstanceProfileTest {
  private static final String DIRECT_URL = "https://[" + InstanceProfile.IPV6 + "]:8196";
  private static final String FRONTEND_URL = "https://monitor-7.frontend.example.com";

  @TempDir static Path releaseFolder;
  private static String templateMonitor;

  @TempDir Path work;

  @BeforeAll
  static void build_the_release() throws Exception {
    templateMonitor = ReleaseFixture.templateMonitor(releaseFolder);
  }

  /** One deployment: the instance profile's overrides, the master's answers, and what to expect. */
  record Scenario(
      String name,
      String overrides,
      Map<String, Map<String, String>> answers,
      String storedPassword,
      Expectation expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Expectation {
    void check(MonitorSettings settings, Path partition) throws Exception;
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario("defaults, frontend not ready", "", Map.of(), null, InstanceProfileTest::defaults),
        new Scenario(
            "defaults, frontend ready",
            "",
            Map.of("monitor-frontend", Map.of("secure_access", FRONTEND_URL, "domain", "x")),
            null,
            (settings, partition) ->
                assertThat(settings.instance().baseUrl()).isEqualTo(URI.create(FRONTEND_URL))),
        new Scenario(
            "password kept in etc/.monitor_pwd from an earlier run",
            "",
            Map.of(),
            "StoredSecretFromAnEarlierRun42",
            (settings, partition) ->
                assertThat(settings.instance().password().orElseThrow().text())
                    .isEqualTo("StoredSecretFromAnEarlierRun42")),
        new Scenario("SR overrides", OVERRIDES, Map.of(), null, InstanceProfileTest::overridden),
        new Scenario(
            "explicit monitor-url-list wins over the dict",
            """
            [monitor-instance-parameter]
            monitor-url-list =
              https://[2001:db8::20]:8196
              https://[2001:db8::21]:8196

            [monitor-base-url-dict]
            ignored = https://[2001:db8::30]:8196
            """,
            Map.of(),
            null,
            (settings, partition) ->
                assertThat(settings.monitorUrlList())
                    .containsExactly(
                        URI.create("https://[2001:db8::20]:8196"),
                        URI.create("https://[2001:db8::21]:8196"))));
  }

  private static final String OVERRIDES =
      """
      [monitor-instance-parameter]
      monitor-title = Café & Co (${slap-configuration:instance-title})
      monitor-httpd-port = 8197
      cors-domains = monitor.app.officejs.com
        example.org
      username = monitor-admin
      password = p&ss#w%rd +é
      instance-configuration =
        raw sr-version 1.2.3
        file log-level ${directory:etc}/log-level

      [monitor-conf-parameters]
      public-path-list =
        ${directory:log}/public
      private-path-list +=
        ${directory:srv}/backup

      [monitor-base-url-dict]
      mariadb = https://[2001:db8::10]:8196
      zope = https://[2001:db8::11]:8196/
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void the_handed_over_file_binds_like_the_profile_itself(Scenario scenario) throws Exception {
    Path partition = work.resolve("partition");
    Path profile = InstanceProfile.write(partition, templateMonitor, scenario.overrides());
    if (scenario.storedPassword() != null) {
      Files.createDirectories(partition.resolve("etc"));
      Files.writeString(partition.resolve("etc/.monitor_pwd"), scenario.storedPassword() + "\n");
    }

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, scenario.answers(), work);
    Path handedOver = InstanceProfile.handOver(resolution);
    MonitorSettings fromHandOver =
        Settings.bindInstance(Settings.sourceOf(IniDocument.read(handedOver))).value();
    Path computed =
        InstanceProfile.withComputedOptions(profile, resolution, SlaposOracle.raw(profile, work));
    BuildoutConfig ours = BuildoutConfig.load(computed);
    MonitorSettings fromProfile = Settings.fromInstance(ours).value();

    assertThat(fromHandOver).isEqualTo(fromProfile);
    assertSameSections(ours.resolveAll(), resolution.sections());
    assertThat(resolution.section("publish"))
        .containsEntry("monitor-base-url", fromHandOver.instance().baseUrl().toString())
        .containsEntry("monitor-setup-url", fromHandOver.publish().orElseThrow().monitorSetupUrl())
        .containsEntry("custom-value", "published next to the monitor's");
    assertThat(fromHandOver.publish().orElseThrow().monitorSetupUrl())
        .as("monitor-setup-url computed by the template's Python, and by Publish.derive")
        .isEqualTo(
            Publish.derive(
                    fromHandOver.instance().interfaceUrl(),
                    fromHandOver.publishParameters().orElseThrow())
                .monitorSetupUrl());
    scenario.expect().check(fromHandOver, partition);
  }

  /**
   * Issue 16: the setup URL is today's original's URI template expansion on today's default
   * interface-url (it was interface-url + /#page=settings_configurator); a value that would cut the
   * link stays percent-encoded (SPEC D.40).
   */
  @Test
  void the_setup_url_expands_todays_interface_url_and_encodes_values_that_would_cut_it()
      throws Exception {
    Path partition = work.resolve("partition");
    Path profile = InstanceProfile.write(partition, templateMonitor, OVERRIDES);

    Map<String, String> publish = SlaposOracle.resolve(profile, Map.of(), work).section("publish");

    assertThat(publish.get("monitor-setup-url"))
        .isEqualTo(
            "https://monitor.app.officejs.com/#page=ojsm_landing"
                + "&url=https://[2001:db8::7]:8197/public/feeds"
                + "&username=monitor-admin"
                + "&password=p%26ss%23w%25rd%20%2B%C3%A9");
  }

  /**
   * The master's monitor-interface-url parameter reaches interface-url, the CORS domain and the
   * setup URL, as in the original; an SR that sets the 2017 interface-url gets what today's
   * original gives it.
   */
  @Test
  void the_interface_url_comes_from_the_master_parameter_or_the_sr() throws Exception {
    Path partition = work.resolve("partition");
    Path fromMaster =
        InstanceProfile.write(
            partition,
            templateMonitor,
            """
            [slap-configuration]
            configuration.monitor-interface-url = https://monitor.example.org:8443/app/#page=x%20y

            [monitor-instance-parameter]
            password = bcuandjy
            """);

    SlaposOracle.Resolution master = SlaposOracle.resolve(fromMaster, Map.of(), work);

    assertThat(master.section("monitor-instance-parameter"))
        .containsEntry("interface-url", "https://monitor.example.org:8443/app/#page=x%20y")
        .containsEntry("cors-domains", "monitor.example.org:8443");
    assertThat(master.section("publish").get("monitor-setup-url"))
        .isEqualTo(
            "https://monitor.example.org:8443/app/#page=x y&url=" + DIRECT_URL + "/public/feeds"
                + "&username=admin&password=bcuandjy");

    Path from2017 =
        InstanceProfile.write(
            partition,
            templateMonitor,
            """
            [monitor-instance-parameter]
            interface-url = https://monitor.app.officejs.com
            password = bcuandjy
            """);

    assertThat(SlaposOracle.resolve(from2017, Map.of(), work).section("publish"))
        .containsEntry(
            "monitor-setup-url",
            "https://monitor.app.officejs.com&url=" + DIRECT_URL + "/public/feeds"
                + "&username=admin&password=bcuandjy");
  }

  @Test
  void a_monitor_url_list_given_in_monitor_conf_parameters_reaches_render() throws Exception {
    Path partition = work.resolve("partition");
    Path profile =
        InstanceProfile.write(
            partition,
            templateMonitor,
            """
            [monitor-conf-parameters]
            monitor-url-list = https://[2001:db8::40]:8196 https://[2001:db8::41]:8196
            """);

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);
    MonitorSettings settings =
        Settings.bindInstance(
                Settings.sourceOf(IniDocument.read(InstanceProfile.handOver(resolution))))
            .value();

    assertThat(settings.monitorUrlList())
        .containsExactly(
            URI.create("https://[2001:db8::40]:8196"), URI.create("https://[2001:db8::41]:8196"));
  }

  @Test
  void the_stack_s_own_promises_are_plugin_promises_with_today_s_names() throws Exception {
    Path partition = work.resolve("partition");
    Path profile = InstanceProfile.write(partition, templateMonitor, "");

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);

    Map<String, String> plugins = new TreeMap<>();
    for (String section :
        List.of(
            "monitor-httpd-promise", "monitor-frontend-promise", "check-monitor-password-promise",
            "monitor-bootstrap-promise", "promise-check-slapgrid", "promise-check-free-disk-space")) {
      assertThat(resolution.recipes()).containsEntry(section, "slapos.cookbook:promise.plugin");
      Map<String, String> options = resolution.section(section);
      plugins.put(
          partition.relativize(Path.of(options.get("output"))).toString(), options.get("module"));
    }
    assertThat(plugins)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "etc/plugin/monitor-httpd-listening-on-tcp.py",
                "slapos.promise.plugin.check_url_available",
                "etc/plugin/monitor-http-frontend.py",
                "slapos.promise.plugin.check_url_available",
                "etc/plugin/check-monitor-frontend-password.py",
                "slapos.promise.plugin.check_url_available",
                "etc/plugin/monitor-bootstrap-status.py",
                "slapos.promise.plugin.monitor_bootstrap_status",
                "etc/plugin/buildout-slappart7-status.py",
                "slapos.promise.plugin.check_partition_deployment_state",
                "etc/plugin/check-free-disk-space.py",
                "slapos.promise.plugin.check_free_disk_space"));
    assertThat(resolution.section("monitor-httpd-promise"))
        .containsEntry("config-url", DIRECT_URL)
        .containsEntry("config-http-code", "401");
    assertThat(resolution.section("promise-check-free-disk-space"))
        .containsEntry("config-threshold-file", partition.resolve("etc/min-free-disk-size").toString());
    assertThat(resolution.section("monitor-conf-parameters").get("parameter-list"))
        .contains("file min-free-disk-MB " + partition.resolve("etc/min-free-disk-size"));
    assertThat(resolution.section("monitor-frontend")).containsEntry("shared", "true");
    assertThat(resolution.section("monitor-interface-configuration"))
        .containsEntry("url", "https://monitor.app.officejs.com/#page=ojsm_landing")
        .containsEntry("cors-domain", "monitor.app.officejs.com");
  }

  @Test
  void the_instance_parameters_keep_the_original_names() throws Exception {
    Map<String, Map<String, String>> raw =
        SlaposOracle.raw(InstanceProfile.write(work.resolve("partition"), templateMonitor, ""), work);

    assertThat(raw.get("monitor-instance-parameter").keySet())
        .containsExactlyInAnyOrder(
            "monitor-title", "root-instance-title", "monitor-httpd-ipv6", "monitor-httpd-port",
            "monitor-base-url", "monitor-url-list", "cors-domains", "collector-db", "password",
            "username", "instance-configuration", "configuration-file-path", "interface-url");
    assertThat(raw.keySet())
        .contains(
            "directory", "monitor-directory", "monitor-conf-parameters",
            "monitor-httpd-conf-parameter", "monitor-publish-parameters", "monitor-publish",
            "monitor-base-url-dict", "monitor-base", "monitor-promise-timeout-file",
            "monitor-htpasswd", "httpd-monitor-htpasswd", "monitor-frontend",
            "monitor-frontend-promise");
    assertThat(raw.get("monitor-instance-file")).containsEntry("mode", "0600");
  }

  @Test
  void the_instance_profile_of_docs_slapos_md_works() throws Exception {
    Path partition = work.resolve("partition");
    Files.createDirectories(partition);
    Path template = work.resolve("template-monitor.cfg");
    Files.writeString(template, templateMonitor, StandardCharsets.UTF_8);
    Path documented = work.resolve("instance.cfg.in");
    Files.writeString(documented, documentedExample("`instance.cfg.in` of the SR:"));
    Path profile = partition.resolve("instance.cfg");
    Files.writeString(
        profile,
        SlaposOracle.jinja2(documented, Map.of("template_monitor", template.toString()), work)
            + "\n"
            + InstanceProfile.SLAPGRID);

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);
    MonitorSettings settings =
        Settings.bindInstance(
                Settings.sourceOf(IniDocument.read(InstanceProfile.handOver(resolution))))
            .value();

    assertThat(settings.instance().httpdPort()).isEqualTo(8197);
    assertThat(settings.instance().corsDomains())
        .containsExactly("monitor.app.officejs.com", "monitor.example.org");
    assertThat(settings.instance().instanceConfiguration()).hasSize(2);
    assertThat(settings.linkedPaths().publicPaths()).containsExactly(partition.resolve("var/log/public"));
    assertThat(settings.linkedPaths().privatePaths())
        .containsExactly(partition.resolve("var/log"), partition.resolve("srv/backup"));
    assertThat(resolution.section("my-promise").get("wrapper-path"))
        .isEqualTo(partition.resolve("etc/monitor-promise/max-connections-set").toString());
    assertThat(resolution.section("my-report").get("wrapper-path"))
        .isEqualTo(partition.resolve("etc/monitor-report/disk-usage_every_1_hour").toString());
    assertThat(resolution.section("publish"))
        .containsKeys("monitor-base-url", "monitor-setup-url", "url");
  }

  /** The first {@code ```ini} block of docs/slapos.md after the line {@code heading}. */
  private static String documentedExample(String heading) throws Exception {
    String doc = Files.readString(SlaposOracle.repository().resolve("docs/slapos.md"));
    int at = doc.indexOf("\n" + heading + "\n");
    assertThat(at).as("docs/slapos.md has the line %s", heading).isNotNegative();
    int start = doc.indexOf("```ini\n", at) + "```ini\n".length();
    return doc.substring(start, doc.indexOf("```\n", start));
  }

  private static void defaults(MonitorSettings settings, Path partition) {
    var instance = settings.instance();
    assertThat(instance.monitorTitle()).isEqualTo("Webrunner-0");
    assertThat(instance.rootInstanceTitle()).isEqualTo("My Webrunner");
    assertThat(instance.httpdPort()).isEqualTo(8196);
    assertThat(instance.baseUrl()).isEqualTo(URI.create(DIRECT_URL));
    assertThat(instance.corsDomains()).containsExactly("monitor.app.officejs.com");
    assertThat(instance.username()).isEqualTo("admin");
    assertThat(instance.password().orElseThrow().text()).matches("[A-Za-z0-9]{24}");
    assertThat(instance.interfaceUrl())
        .isEqualTo(URI.create("https://monitor.app.officejs.com/#page=ojsm_landing"));
    assertThat(instance.configurationFilePath())
        .isEqualTo(partition.resolve("etc/monitor_knowledge0.cfg"));
    assertThat(settings.directories().services()).isEqualTo(partition.resolve("etc/service"));
    assertThat(settings.httpd().htpasswdFile()).isEqualTo(partition.resolve("etc/monitor-htpasswd"));
    assertThat(settings.linkedPaths().publicPaths()).isEmpty();
    assertThat(settings.linkedPaths().privatePaths()).containsExactly(partition.resolve("var/log"));
    assertThat(settings.monitorUrlList()).isEmpty();
    assertThat(settings.partition().computerId()).contains("COMP-1234");
    assertThat(settings.partition().partitionId()).contains("slappart7");
    assertThat(settings.partition().softwareType()).contains("default");
    assertThat(settings.master().url()).contains(URI.create("https://master.example.com"));
    assertThat(settings.publish().orElseThrow().monitorSetupUrl())
        .startsWith(
            "https://monitor.app.officejs.com/#page=ojsm_landing&url="
                + DIRECT_URL
                + "/public/feeds&username=admin&password=");
  }

  private static void overridden(MonitorSettings settings, Path partition) throws Exception {
    var instance = settings.instance();
    assertThat(instance.monitorTitle()).isEqualTo("Café & Co (Webrunner-0)");
    assertThat(instance.httpdPort()).isEqualTo(8197);
    assertThat(instance.baseUrl()).isEqualTo(URI.create("https://[2001:db8::7]:8197"));
    assertThat(instance.httpdAddress()).isEqualTo(InetAddress.getByName(InstanceProfile.IPV6));
    assertThat(instance.corsDomains()).containsExactly("monitor.app.officejs.com", "example.org");
    assertThat(instance.username()).isEqualTo("monitor-admin");
    assertThat(instance.password().orElseThrow().text()).isEqualTo("p&ss#w%rd +é");
    assertThat(instance.instanceConfiguration()).hasSize(2);
    assertThat(settings.linkedPaths().publicPaths()).containsExactly(partition.resolve("var/log/public"));
    assertThat(settings.linkedPaths().privatePaths())
        .containsExactly(partition.resolve("var/log"), partition.resolve("srv/backup"));
    assertThat(settings.monitorUrlList())
        .containsExactly(
            URI.create("https://[2001:db8::10]:8196"), URI.create("https://[2001:db8::11]:8196"));
    assertThat(settings.publishParameters().orElseThrow().monitorUser()).isEqualTo("monitor-admin");
  }

  /**
   * slapmon's reader resolves every section of the instance profile as zc.buildout does ({@code
   * [buildout]} and {@code [versions]} aside: zc.buildout adds defaults there).
   */
  private static void assertSameSections(
      Map<String, Map<String, Value>> ours, Map<String, Map<String, String>> zcBuildout) {
    Map<String, Map<String, String>> oursAsText = new TreeMap<>();
    ours.forEach(
        (section, options) -> {
          Map<String, String> texts = new TreeMap<>();
          options.forEach((key, value) -> texts.put(key, value.text()));
          oursAsText.put(section, texts);
        });
    List<String> differences = new ArrayList<>();
    for (String section : zcBuildout.keySet()) {
      if (section.equals("buildout") || section.equals("versions")) {
        continue;
      }
      Map<String, String> expected = new TreeMap<>(zcBuildout.get(section));
      Map<String, String> actual = oursAsText.get(section);
      if (!expected.equals(actual)) {
        differences.add("[" + section + "] zc.buildout " + expected + "\n    slapmon " + actual);
      }
    }
    if (!differences.isEmpty()) {
      fail("slapmon's reader differs from zc.buildout:\n  " + String.join("\n  ", differences));
    }
  }
}
