package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.launch.Main;
import slapmon.runtime.launch.RunningMonitor;
import slapmon.runtime.launch.RuntimeConfig;

/**
 * Real software releases of the SlapOS tree, deployed to the end with slapmon: each partition
 * below resolved by the real zc.buildout against slapmon's template and against the original
 * stack's ({@code slapos_end_to_end.py}, over {@code slapos_corpus.py}'s emulation), the plugin
 * files of its installed {@code promise.plugin} parts written by the real recipe, the resolved
 * sections handed to {@code slapmon render --resolved}, then the partition run (bootstrap, the
 * OPML, the real promise launcher on the stack's bootstrap plugin). Each partition is deployed with
 * today's {@code monitor-interface-url} (2024) and the 2017 one.
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
final class ReleaseEndToEndTest {
  /**
   * RELEASE:TYPE, one partition each: plain (html5as), sub-monitors through [monitor-base-url-dict]
   * (ERP5's root), through the resilient stack's [monitor-conf-parameters] override (KVM's
   * kvm-resilient), through monitor-url-list (powerdns), KVM's root, and releases with their own
   * plugin promises (monitor, re6stnet, jupyter, backupserver).
   */
  static final List<String> PARTITIONS =
      List.of(
          "html5as:default",
          "erp5:default",
          "kvm:default",
          "kvm:kvm-resilient",
          "powerdns:default",
          "monitor:default",
          "re6stnet:default",
          "jupyter:jupyter",
          "backupserver:pullrdiffbackup");

  /** The stack's own checks, plugin parts of [monitor-base] (buildout-slappart7-status.py too). */
  static final List<String> STACK_PLUGINS =
      List.of(
          "etc/plugin/monitor-httpd-listening-on-tcp.py",
          "etc/plugin/monitor-http-frontend.py",
          "etc/plugin/check-monitor-frontend-password.py",
          "etc/plugin/monitor-bootstrap-status.py",
          "etc/plugin/buildout-slappart7-status.py",
          "etc/plugin/check-free-disk-space.py");

  static final List<String> PUBLISHED =
      List.of("monitor-base-url", "monitor-setup-url", "monitor-user", "monitor-password");

  private static final long SECONDS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern OUTLINE_FEED = Pattern.compile("xmlUrl=\"([^\"]*)/public/feed\"");

  @TempDir static Path work;
  private static Path tree;
  private static List<JsonNode> deployed;
  private static Map<String, JsonNode> published;

  @BeforeAll
  static void deploy() throws Exception {
    tree = SlaposTree.find();
    Assumptions.assumeTrue(
        tree != null, "no " + SlaposTree.RELATIVE + " above " + SlaposOracle.repository());
    deployed = new ArrayList<>();
    run().get("partitions").forEach(deployed::add);
    published = new HashMap<>();
    // 2017 then 2024 in the same folder, as when the master's parameter changes.
    for (JsonNode partition : deployed) {
      if (partition.get("slapmon").get("ok").asBoolean()) {
        Path folder = render(partition);
        published.put(
            name(partition), JSON.readTree(folder.resolve("etc/monitor-publish.json").toFile()));
      }
    }
    for (JsonNode partition : deployed) {
      System.out.printf(
          "%s:%s (%s): original %s, slapmon %s%n",
          partition.get("release").asText(),
          partition.get("type").asText(),
          partition.get("variant").asText(),
          outcome(partition.get("original")),
          outcome(partition.get("slapmon")));
    }
  }

  @Test
  void every_partition_deploys_its_monitor_with_both_templates() {
    assertThat(deployed).hasSize(PARTITIONS.size() * 2);
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode partition : deployed) {
      for (String kind : List.of("original", "slapmon")) {
        JsonNode deployment = partition.get(kind);
        softly
            .assertThat(deployment.get("ok").asBoolean())
            .as("%s with the %s template: %s", name(partition), kind, deployment.path("error"))
            .isTrue();
        softly
            .assertThat(texts(deployment.path("parts")))
            .as("%s with the %s template: parts", name(partition), kind)
            .contains("monitor-base");
      }
    }
    softly.assertAll();
  }

  @Test
  void the_plugin_files_are_byte_for_byte_those_of_the_original_stack() throws IOException {
    SoftAssertions softly = new SoftAssertions();
    int files = 0;
    for (JsonNode partition : deployed) {
      Map<String, String> original = strings(partition.get("original").get("plugins"));
      Map<String, String> slapmon = strings(partition.get("slapmon").get("plugins"));
      softly
          .assertThat(slapmon.keySet())
          .as("%s: the stack's checks are plugin parts", name(partition))
          .containsAll(STACK_PLUGINS);
      softly
          .assertThat(slapmon)
          .as("%s: etc/plugin as the recipe writes it, slapmon vs original", name(partition))
          .isEqualTo(original);
      if (partition.get("variant").asText().equals("2024")) {
        Path folder = folder(partition);
        for (Map.Entry<String, String> plugin : slapmon.entrySet()) {
          softly
              .assertThat(folder.resolve(plugin.getKey()))
              .as("%s: the recipe's file in the deployed partition", name(partition))
              .hasContent(plugin.getValue());
        }
      }
      files += slapmon.size();
    }
    System.out.printf("plugin files compared: %d in %d partitions%n", files, deployed.size());
    softly.assertAll();
  }

  @Test
  void min_free_disk_mb_edits_the_file_the_free_disk_space_plugin_reads() throws IOException {
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode partition : deployed) {
      if (!partition.get("variant").asText().equals("2024")) {
        continue;
      }
      Path threshold = folder(partition).resolve("etc/min-free-disk-size");
      String parameter = "file min-free-disk-MB " + threshold;
      softly
          .assertThat(partition.get("original").get("monitor-conf").asText())
          .as("%s: the original's parameter", name(partition))
          .contains(parameter);
      Path conf = folder(partition).resolve("etc/monitor.conf");
      softly
          .assertThat(Files.readString(conf, StandardCharsets.UTF_8))
          .as("%s: slapmon's parameter", name(partition))
          .contains(parameter);
      softly
          .assertThat(
              partition.get("slapmon").get("plugins").path("etc/plugin/check-free-disk-space.py")
                  .asText())
          .as("%s: the plugin's threshold file", name(partition))
          .contains("'threshold-file': '" + threshold + "'");
    }
    softly.assertAll();
  }

  @Test
  void render_writes_no_executable_for_the_checks_buildout_installs_as_plugins() {
    for (JsonNode partition : deployed) {
      Path folder = folder(partition);
      assertThat(folder.resolve("etc/monitor.conf")).as(name(partition)).isRegularFile();
      assertThat(folder.resolve("etc/promise/monitor-httpd-listening-on-tcp"))
          .as(name(partition))
          .doesNotExist();
      assertThat(folder.resolve("etc/promise/monitor-bootstrap-status"))
          .as(name(partition))
          .doesNotExist();
    }
  }

  @Test
  void the_published_parameters_are_the_original_s_for_both_interface_urls() {
    SoftAssertions softly = new SoftAssertions();
    for (JsonNode partition : deployed) {
      JsonNode rendered = published.get(name(partition));
      JsonNode original = partition.get("original").get("published");
      for (String name : PUBLISHED) {
        softly
            .assertThat(rendered.path(name).asText())
            .as("%s: %s", name(partition), name)
            .isEqualTo(original.path(name).asText());
      }
      String interfaceUrl =
          partition.get("variant").asText().equals("2017")
              ? "https://monitor.app.officejs.com&url="
              : "https://monitor.app.officejs.com/#page=ojsm_landing&url=";
      softly
          .assertThat(rendered.path("monitor-setup-url").asText())
          .as("%s: the setup URL", name(partition))
          .startsWith(interfaceUrl);
    }
    softly.assertAll();
  }

  @Test
  void the_running_partitions_list_the_original_s_sub_monitors_and_the_bootstrap_plugin_passes()
      throws Exception {
    List<JsonNode> running =
        deployed.stream().filter(p -> p.get("variant").asText().equals("2024")).toList();
    List<RunningMonitor> monitors = new ArrayList<>();
    Map<String, String> opml = new HashMap<>();
    String bootstrap;
    try {
      for (JsonNode partition : running) {
        Path conf = onLoopback(folder(partition).resolve("etc/monitor.conf"));
        monitors.add(
            RunningMonitor.start(
                RuntimeConfig.load(conf), Duration.ofSeconds(60), Clock.systemUTC()));
      }
      for (JsonNode partition : running) {
        opml.put(
            name(partition), awaitFile(folder(partition).resolve("srv/monitor/public/feeds")));
      }
      // The same plugin file in every partition (compared above): the real launcher on one.
      bootstrap = launcher(folder(running.get(0)), "monitor-bootstrap-status.py");
    } finally {
      for (RunningMonitor monitor : monitors) {
        monitor.close();
      }
    }
    SoftAssertions softly = new SoftAssertions();
    int subMonitors = 0;
    for (int i = 0; i < running.size(); i++) {
      JsonNode partition = running.get(i);
      softly.assertThat(monitors.get(i).bootstrap().problems()).as(name(partition)).isEmpty();
      List<String> expected = subMonitors(partition.get("original").get("monitor-conf").asText());
      List<String> listed = outlines(opml.get(name(partition)));
      softly
          .assertThat(listed.subList(1, listed.size()))
          .as("%s: the OPML's sub-monitors, vs the original's monitor.conf", name(partition))
          .containsExactlyInAnyOrderElementsOf(expected);
      subMonitors += expected.size();
    }
    JsonNode result = JSON.readTree(bootstrap).path("result");
    softly
        .assertThat(result.path("failed").asBoolean(true))
        .as("the real launcher on the stack's bootstrap plugin: %s", result)
        .isFalse();
    System.out.printf("sub-monitors listed as the original lists them: %d%n", subMonitors);
    assertThat(subMonitors).as("partitions with sub-monitors are in the list").isGreaterThan(5);
    softly.assertAll();
  }

  /** {@code slapmon render --resolved} of the partition's handed-over file: its folder. */
  private static Path render(JsonNode partition) {
    Path folder = folder(partition);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {
              "render", "--resolved",
              "--instance", partition.get("slapmon").get("instance-file").asText(),
              "--partition", folder.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(exit).as("%s: render --resolved\n%s%s", name(partition), out, err).isZero();
    return folder;
  }

  private static Path folder(JsonNode partition) {
    return Path.of(partition.get("slapmon").get("folder").asText());
  }

  /** monitor-url-list of the original's rendered monitor.conf: its URLs. */
  static List<String> subMonitors(String monitorConf) {
    List<String> urls = new ArrayList<>();
    boolean inList = false;
    for (String line : monitorConf.split("\n", -1)) {
      if (line.startsWith("monitor-url-list =")) {
        inList = true;
        addWords(urls, line.substring("monitor-url-list =".length()));
      } else if (inList && (line.startsWith(" ") || line.startsWith("\t"))) {
        addWords(urls, line);
      } else if (inList) {
        break;
      }
    }
    return urls;
  }

  private static void addWords(List<String> urls, String text) {
    for (String word : text.trim().split("\\s+")) {
      if (!word.isEmpty()) {
        urls.add(word);
      }
    }
  }

  /** The base URLs of the OPML's outlines, this monitor's first. */
  private static List<String> outlines(String opml) {
    List<String> bases = new ArrayList<>();
    Matcher matcher = OUTLINE_FEED.matcher(opml);
    while (matcher.find()) {
      bases.add(matcher.group(1).replace("&amp;", "&"));
    }
    return bases;
  }

  /** monitor.conf with its HTTPS server on 127.0.0.1 and a free port (not the fixture's IPv6). */
  private static Path onLoopback(Path conf) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String text = Files.readString(conf, StandardCharsets.UTF_8);
    String moved =
        text.replaceFirst("(?m)^listen-address = .*$", "listen-address = 127.0.0.1")
            .replaceFirst("(?m)^port = .*$", "port = " + port);
    assertThat(moved).isNotEqualTo(text);
    Files.writeString(conf, moved, StandardCharsets.UTF_8);
    return conf;
  }

  private static String awaitFile(Path file) throws IOException, InterruptedException {
    for (int i = 0; i < 600 && !Files.isRegularFile(file); i++) {
      Thread.sleep(100);
    }
    assertThat(file).as("written by the running monitor").isRegularFile();
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** The real slapos.core promise launcher on one plugin: the result file's text. */
  private static String launcher(Path partition, String plugin)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "launcher-", ".log");
    Process process =
        new ProcessBuilder(
                SlaposOracle.PYTHON,
                tree.getParent().resolve("run_launcher.py").toString(),
                partition.toString(),
                "--only",
                plugin)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("run_launcher.py did not finish in 60 s");
    }
    Path result =
        partition.resolve(
            ".slapgrid/promise/result/" + plugin.replaceFirst("\\.py$", "") + ".status.json");
    assertThat(result).as(Files.readString(log)).isRegularFile();
    return Files.readString(result, StandardCharsets.UTF_8);
  }

  private static JsonNode run() throws IOException, InterruptedException {
    Path partitions = Files.createDirectories(work.resolve("partitions"));
    List<String> arguments = new ArrayList<>();
    arguments.add(tree.toString());
    arguments.add(SlaposOracle.template().toString());
    arguments.add(partitions.toString());
    arguments.addAll(PARTITIONS);
    return HarnessScript.json(work, "slapos_end_to_end.py", arguments, SECONDS);
  }

  private static String name(JsonNode partition) {
    return partition.get("release").asText()
        + ":" + partition.get("type").asText()
        + " (" + partition.get("variant").asText() + ")";
  }

  private static String outcome(JsonNode deployment) {
    if (!deployment.get("ok").asBoolean()) {
      return "failed: " + deployment.path("error").asText();
    }
    return deployment.get("plugins").size() + " plugin files";
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new TreeMap<>();
    object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asText()));
    return values;
  }
}
