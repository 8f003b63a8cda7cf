package slapmon.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;
import slapmon.runtime.opml.TestCertificate;

/**
 * slapmon's plugin runner against the real launcher of slapos.core ({@code
 * shared/oracles/slapos/run_launcher.py}, Debian's python): two copies of one partition (a legacy
 * executable and 14 plugins, 10 of them slapos.toolbox's), one run by each, through the same
 * sequence of passes in anomaly mode (as the monitor) and test mode (as slapgrid), forced and
 * honouring periodicity. After every pass both must show the same titles, the same {@code failed}
 * and the same messages, the same pass verdict, and the same periodicity cache.
 */
@Timeout(600)
final class PluginLauncherDifferentialTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  /** Long enough that a loaded machine's plugin import never reaches it, short for the sleeper. */
  private static final int TIMEOUT_SECONDS = 30;

  @TempDir Path dir;
  private Path oracle;
  private PluginPartition theirs;
  private PluginPartition ours;
  private HttpsServer https;
  private final AtomicInteger httpStatus = new AtomicInteger(200);
  private ServerSocket listening;
  private PluginRunner runner;
  /** Each side's SlapOS master, recording the bangs that reach it. */
  private Master ourMaster;
  private Master theirMaster;

  @BeforeEach
  void partitions() throws Exception {
    oracle = PluginPartition.oracle();
    assumeTrue(oracle != null, "no shared/oracles/slapos beside the repository");
    assumeTrue(Files.isExecutable(PYTHON), "no Debian python");
    TestCertificate certificate = TestCertificate.generate(Files.createDirectories(dir.resolve("tls")));
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    https.createContext("/", exchange -> {
      byte[] body = "monitored".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(httpStatus.get(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    https.start();
    listening = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
    int closedPort;
    try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closedPort = closed.getLocalPort();
    }
    ourMaster = new Master();
    theirMaster = new Master();
    theirs = populate(dir.resolve("theirs"), closedPort);
    ours = populate(dir.resolve("ours"), closedPort);
    runner = new PluginRunner(settings(true));
  }

  private PluginSettings settings(boolean anomaly) {
    return settings(ours, anomaly);
  }

  private PluginSettings settings(PluginPartition partition, boolean anomaly) {
    return new PluginSettings(
        PYTHON, partition.dir(), partition.pluginFolder(), Duration.ofSeconds(TIMEOUT_SECONDS),
        anomaly, false,
        Map.of("master-url", Optional.of(ourMaster.url()),
            "partition-id", Optional.of(PARTITION_ID), "computer-id", Optional.of(COMPUTER_ID)),
        PluginPartition.oraclePath(oracle), PluginSettings.DEFAULT_PARALLELISM);
  }

  @AfterEach
  void stop() throws IOException {
    if (runner != null) {
      runner.close();
    }
    if (https != null) {
      https.stop(0);
    }
    if (listening != null) {
      listening.close();
    }
    for (Master master : new Master[] {ourMaster, theirMaster}) {
      if (master != null) {
        master.stop();
      }
    }
  }

  private static final String PARTITION_ID = "slappart7";
  private static final String COMPUTER_ID = "COMP-0";

  /**
   * A SlapOS master on loopback that has no HATEOAS URL (slap then posts the bang as its plain
   * API does) and records every request: method, path and, for a post, its form.
   */
  private static final class Master {
    private final HttpServer server;
    private final List<String> requests = new ArrayList<>();

    Master() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        synchronized (requests) {
          requests.add(method + " " + exchange.getRequestURI().getPath()
              + (method.equals("POST") ? " " + new String(body, StandardCharsets.UTF_8) : ""));
        }
        exchange.sendResponseHeaders(method.equals("POST") ? 200 : 404, -1);
        exchange.close();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
      synchronized (requests) {
        return List.copyOf(requests);
      }
    }

    void stop() {
      server.stop(0);
    }
  }

  /**
   * run_launcher.py with this test's master and partition identity: it hands every promise the
   * launcher's config, and that config gets them as slapgrid's would.
   */
  private Path launcherWithMaster() throws IOException {
    Path script = dir.resolve("run_launcher_with_master.py");
    if (!Files.exists(script)) {
      Files.writeString(script, String.join("\n",
          "import os, runpy, sys",
          "oracle = sys.argv.pop(1)",
          "sys.path[0:0] = [os.path.join(oracle, f)",
          "                 for f in ('stubs', 'slapos.core', 'slapos.toolbox')]",
          "from slapos.grid import promise",
          "plain = promise.PromiseLauncher.__init__",
          "def with_master(self, config=None, **kw):",
          "  config = dict(config or {})",
          "  config.update({'master-url': os.environ['MASTER_URL'],",
          "                 'partition-id': os.environ['PARTITION_ID'],",
          "                 'computer-id': os.environ['COMPUTER_ID']})",
          "  plain(self, config=config, **kw)",
          "promise.PromiseLauncher.__init__ = with_master",
          "sys.argv[0] = os.path.join(oracle, 'run_launcher.py')",
          "runpy.run_path(sys.argv[0], run_name='__main__')",
          ""));
    }
    return script;
  }

  /**
   * The section's options and a periodicity of an hour, so that a pass that honours periodicity
   * runs only what the test makes due, however slowly a loaded machine runs the passes before it.
   */
  private static Map<String, String> hourly(String... options) {
    Map<String, String> config = new TreeMap<>();
    for (int i = 0; i < options.length; i += 2) {
      config.put(options[i], options[i + 1]);
    }
    config.put("frequency", "60");
    return config;
  }

  private PluginPartition populate(Path root, int closedPort) throws IOException {
    PluginPartition p = new PluginPartition(root);
    String r = root.toString();
    Files.createDirectories(root.resolve("srv"));
    Files.writeString(root.resolve("srv/empty-state"), "");
    Files.writeString(root.resolve("srv/bootstrap.pid"), "999999999");
    Files.writeString(root.resolve("srv/bootstrap-status"), "");
    Files.writeString(
        root.resolve("srv/error.log"),
        "[Mon Dec 07 05:00:00 2026] [error] (113)No route to host: proxy\n"
            + "[Mon Dec 07 05:00:01 2026] [error] (110)Connection timed out: backend\n"
            + "[Mon Dec 07 05:00:02 2026] [notice] fine\n");
    String url = "https://127.0.0.1:" + https.getAddress().getPort() + "/";
    p.plugin("check-url", "check_url_available", hourly("url", url));
    p.plugin("check-socket-up", "check_socket_listening",
        hourly("host", "127.0.0.1", "port", String.valueOf(listening.getLocalPort())));
    p.plugin("check-socket-down-3", "check_socket_listening",
        hourly("host", "127.0.0.1", "port", String.valueOf(closedPort), "failure-amount", "3",
            "result-count", "3"));
    p.plugin("check-disk", "check_free_disk_space", Map.of("collectordb", r + "/srv/no.db"));
    p.plugin("check-state-empty", "check_file_state",
        hourly("filename", r + "/srv/empty-state", "state", "empty"));
    p.plugin("check-state-missing", "check_file_state",
        hourly("filename", r + "/srv/missing", "state", "empty"));
    p.plugin("check-command-ok", "check_command_execute", hourly("command", "true"));
    p.plugin("check-command-down", "check_command_execute",
        hourly("command", "echo down; false"));
    p.plugin("check-bootstrap", "monitor_bootstrap_status",
        hourly("process-pid-file", r + "/srv/bootstrap.pid",
            "status-file", r + "/srv/bootstrap-status", "process-name", "bootstrap"));
    p.plugin("check-http-log", "check_error_on_http_log",
        Map.of("log-file", r + "/srv/error.log"));
    p.filePlugin("sleeper", String.join("\n",
        "import os, time",
        PluginPartition.PROMISE_CLASS,
        "  def __init__(self, config):",
        "    super(RunPromise, self).__init__(config)",
        "    self.setPeriodicity(60)",
        "  def sense(self):",
        "    if os.path.exists(os.path.join(self.getPartitionFolder(), 'slow')):",
        "      time.sleep(120)",
        "    self.logger.info('awake')",
        ""));
    p.filePlugin("raiser", String.join("\n",
        PluginPartition.PROMISE_CLASS,
        "  def __init__(self, config):",
        "    super(RunPromise, self).__init__(config)",
        "    self.setPeriodicity(60)",
        "  def sense(self):",
        "    raise RuntimeError('the backend exploded')",
        ""));
    p.filePlugin("import-raiser", "raise ImportError('no such egg')\n");
    p.filePlugin("test-less", String.join("\n",
        PluginPartition.PROMISE_CLASS,
        "  def __init__(self, config):",
        "    super(RunPromise, self).__init__(config)",
        "    self.setTestLess()",
        "    self.setPeriodicity(60)",
        "  def sense(self):",
        "    self.logger.error('only an anomaly')",
        ""));
    p.legacy("legacy-fine", "echo fine");
    return p;
  }

  /** Starts one pass of the real launcher on its copy. */
  private Process launcher(boolean anomaly, boolean force) throws IOException {
    return launcher(theirs, anomaly, force);
  }

  private Process launcher(PluginPartition partition, boolean anomaly, boolean force)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        PYTHON.toString(), launcherWithMaster().toString(), oracle.toString(),
        partition.dir().toString(), "--timeout", String.valueOf(TIMEOUT_SECONDS)));
    if (anomaly) {
      command.add("--anomaly");
    }
    if (!force) {
      command.add("--no-force");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("MASTER_URL", theirMaster.url());
    builder.environment().put("PARTITION_ID", PARTITION_ID);
    builder.environment().put("COMPUTER_ID", COMPUTER_ID);
    return builder.start();
  }

  /** The launcher's pass ended; true when it said a promise failed (exit 2). */
  private static boolean verdict(Process launcher) throws Exception {
    String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(launcher.waitFor(300, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(launcher.exitValue()).as(output).isIn(0, 2);
    return launcher.exitValue() == 2;
  }

  /** One pass of ours; true when it counts a failure as slapgrid would. */
  private boolean slapmon(boolean anomaly, boolean force) throws Exception {
    if (runner.settings().checkAnomaly() != anomaly) {
      runner.close();
      runner = new PluginRunner(settings(anomaly));
    }
    List<PluginRun> runs = runner.runPass(Optional.empty(), force);
    assertThat(runs).extracting(PluginRun::outcome).doesNotContain(PluginRun.Outcome.NOT_RUN);
    return runs.stream().anyMatch(PluginRun::countsAsFailure);
  }

  private void pass(String what, boolean anomaly, boolean force) throws Exception {
    // Each on its own copy, at the same time: nothing is shared but the servers they check.
    Process launcher = launcher(anomaly, force);
    boolean ourVerdict = slapmon(anomaly, force);
    boolean theirVerdict = verdict(launcher);
    assertThat(results(ours)).as(what).isEqualTo(results(theirs));
    assertThat(caches(ours)).as(what).isEqualTo(caches(theirs));
    assertThat(ourVerdict).as(what + ": a promise failed").isEqualTo(theirVerdict);
    assertThat(bangLines(ours)).as(what + ": the bangs logged").isEqualTo(bangLines(theirs));
    assertThat(ourMaster.requests()).as(what + ": what reached the master")
        .isEqualTo(theirMaster.requests());
  }

  /**
   * Per plugin log, what its bangs left: the launcher's "Bang with message" line, or the last
   * line of the traceback of a bang that failed (the exception, its type first).
   */
  private static Map<String, List<String>> bangLines(PluginPartition p) throws IOException {
    Map<String, List<String>> found = new TreeMap<>();
    Path logs = p.dir().resolve(".slapgrid/promise/log");
    if (!Files.isDirectory(logs)) {
      return found;
    }
    try (var files = Files.list(logs)) {
      for (Path log : files.sorted().toList()) {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
          String[] fields = line.split(" - ", 4);
          if (fields.length == 4 && fields[3].startsWith("Bang with message")) {
            lines.add(fields[3]);
          } else if (line.matches("[A-Za-z_][\\w.]*(Error|Exception)(: .*)?")) {
            lines.add(relative(p, line));
          }
        }
        if (!lines.isEmpty()) {
          found.put(log.getFileName().toString(), lines);
        }
      }
    }
    return found;
  }

  @Test
  void the_same_results_as_slapgrids_launcher_over_a_sequence_of_passes() throws Exception {
    slow(true);
    pass("first anomaly pass, the sleeper times out once", true, true);
    assertThat(result(ours, "sleeper").path("message").asText())
        .as(results(ours).toString())
        .isEqualTo("Error: Promise timed out after " + TIMEOUT_SECONDS + " seconds");
    assertThat(result(ours, "sleeper").path("failed").asBoolean()).isFalse();
    assertThat(result(ours, "raiser").path("message").asText()).isEqualTo("the backend exploded");
    assertThat(result(ours, "import-raiser").path("message").asText())
        .isEqualTo("Error: No output returned by the promise");
    assertThat(result(ours, "check-url").path("failed").asBoolean()).isFalse();

    httpStatus.set(503);
    pass("second anomaly pass, the sleeper times out again, the URL fails", true, true);
    assertThat(result(ours, "sleeper").path("failed").asBoolean()).isTrue();
    slow(false);
    pass("third anomaly pass", true, true);
    assertThat(result(ours, "check-socket-down-3").path("failed").asBoolean()).isTrue();
    assertThat(result(ours, "check-url").path("failed").asBoolean()).isFalse();
    pass("fourth anomaly pass: the URL failed three times in a row", true, true);
    assertThat(result(ours, "check-url").path("failed").asBoolean()).isTrue();

    httpStatus.set(200);
    pass("a test pass, as slapgrid after a deployment", false, true);
    assertThat(result(ours, "check-command-down").path("type").asText()).isEqualTo("Test Result");

    for (PluginPartition p : List.of(theirs, ours)) {
      age(p);
    }
    pass("an anomaly pass honouring periodicity", true, false);
    // Nothing is due but the plugin that never got as far as writing its periodicity cache.
    assertThat(rewritten(ours)).isEqualTo(rewritten(theirs)).containsExactly("import-raiser");

    for (PluginPartition p : List.of(theirs, ours)) {
      due(p, "check-url");
      due(p, "check-command-down");
      age(p);
    }
    pass("an anomaly pass honouring periodicity, two made due", true, false);
    assertThat(rewritten(ours))
        .isEqualTo(rewritten(theirs))
        .containsExactly("check-command-down", "check-url", "import-raiser");
  }

  /**
   * Four plugins fail their anomaly check in one pass: the launcher, one plugin after the other,
   * bangs for the first of them it lists and for no other. slapmon runs them at the same time and
   * must bang for that one only, as well.
   */
  @Test
  void one_bang_a_pass_for_the_first_failure_the_launcher_lists_though_runs_overlap()
      throws Exception {
    PluginPartition mine = new PluginPartition(dir.resolve("overlap-ours"));
    PluginPartition other = new PluginPartition(dir.resolve("overlap-theirs"));
    for (PluginPartition p : List.of(other, mine)) {
      for (String title : List.of("fail-d", "fine", "fail-b", "fail-a", "fail-c")) {
        p.plugin(title, "check_command_execute",
            Map.of("command", title.startsWith("fail") ? "false" : "true"));
      }
    }
    Process launcher = launcher(other, true, true);
    try (PluginRunner overlapping = new PluginRunner(settings(mine, true))) {
      assertThat(overlapping.settings().parallelism()).isGreaterThanOrEqualTo(4);
      overlapping.runPass(Optional.empty(), true);
    }
    assertThat(verdict(launcher)).isTrue();

    assertThat(theirMaster.requests())
        .filteredOn(request -> request.startsWith("POST"))
        .singleElement()
        .asString()
        .startsWith("POST /softwareInstanceBang computer_id=" + COMPUTER_ID);
    assertThat(ourMaster.requests()).isEqualTo(theirMaster.requests());
    assertThat(bangLines(mine)).hasSize(1).isEqualTo(bangLines(other));
  }

  /**
   * check_free_disk_space answers an anomaly check with a test result, so as never to bang: the
   * launcher then lets the next failing plugin bang, and so must slapmon.
   */
  @Test
  void a_failed_test_result_of_an_anomaly_check_leaves_the_bang_to_the_next_failure()
      throws Exception {
    PluginPartition mine = new PluginPartition(dir.resolve("test-result-ours"));
    PluginPartition other = new PluginPartition(dir.resolve("test-result-theirs"));
    List<String> titles = List.of("plugin-a", "plugin-b", "plugin-c");
    for (PluginPartition p : List.of(other, mine)) {
      for (String title : titles) {
        p.plugin(title, "check_command_execute", Map.of("command", "false"));
      }
    }
    // The launcher runs them in the order the folder lists them: the first listed gets the test
    // result (rewriting a file keeps its place), the second must then bang, the third not.
    List<String> order = listed(other);
    assertThat(listed(mine)).isEqualTo(order);
    String first = order.get(0).replace(".py", "");
    for (PluginPartition p : List.of(other, mine)) {
      p.filePlugin(first, String.join("\n",
          PluginPartition.PROMISE_CLASS,
          "  def sense(self):",
          "    self.logger.error('the disk is full')",
          "  def anomaly(self):",
          "    return self._test(result_count=1, failure_amount=1)",
          ""));
    }
    assertThat(listed(mine)).isEqualTo(order);
    Process launcher = launcher(other, true, true);
    try (PluginRunner overlapping = new PluginRunner(settings(mine, true))) {
      overlapping.runPass(Optional.empty(), true);
    }
    assertThat(verdict(launcher)).isTrue();

    assertThat(result(other, first).path("type").asText()).isEqualTo("Test Result");
    assertThat(result(mine, first).path("type").asText()).isEqualTo("Test Result");
    assertThat(theirMaster.requests())
        .filteredOn(request -> request.startsWith("POST"))
        .singleElement()
        .asString()
        .endsWith("message=Promise+" + order.get(1).replace(".py", "") + "+is+failing");
    assertThat(ourMaster.requests()).isEqualTo(theirMaster.requests());
    assertThat(bangLines(mine)).isEqualTo(bangLines(other));
  }

  /** The plugin files of a partition in the order its folder lists them. */
  private static List<String> listed(PluginPartition p) throws IOException {
    List<String> names = new ArrayList<>();
    try (var files = Files.newDirectoryStream(p.pluginFolder(), "*.py")) {
      files.forEach(file -> names.add(file.getFileName().toString()));
    }
    return names;
  }

  /** The plugins whose result a pass wrote since {@link #age}. */
  private static List<String> rewritten(PluginPartition p) throws IOException {
    return dates(p).entrySet().stream()
        .filter(e -> !e.getValue().startsWith("2000-"))
        .map(Map.Entry::getKey)
        .toList();
  }

  private void slow(boolean on) throws IOException {
    for (PluginPartition p : List.of(theirs, ours)) {
      if (on) {
        Files.writeString(p.dir().resolve("slow"), "");
      } else {
        Files.deleteIfExists(p.dir().resolve("slow"));
      }
    }
  }

  /** Makes a plugin due now, as its periodicity elapsing would. */
  private static void due(PluginPartition p, String title) throws IOException {
    Path cache = p.dir().resolve(".slapgrid/promise/cache/" + title);
    ObjectNode document = (ObjectNode) Json.read(cache);
    document.put("next_run_after", 0);
    Files.write(cache, Json.bytes(document));
  }

  /** Dates every result long ago, so that a rewritten one shows. */
  private static void age(PluginPartition p) throws IOException {
    try (var files = Files.list(p.results())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".status.json")).toList()) {
        ObjectNode document = (ObjectNode) Json.read(file);
        ((ObjectNode) document.get("result")).put("date", "2000-01-01T00:00:00+0000");
        Files.write(file, Json.bytes(document));
      }
    }
  }

  private static JsonNode result(PluginPartition p, String title) throws IOException {
    return Json.read(p.results().resolve(title + ".status.json")).path("result");
  }

  /** Every plugin's result: title, name, path, type, failed, message (paths made relative). */
  private static Map<String, List<String>> results(PluginPartition p) throws IOException {
    Map<String, List<String>> found = new TreeMap<>();
    for (String title : pluginTitles(p)) {
      Path file = p.results().resolve(title + ".status.json");
      if (!Files.exists(file)) {
        found.put(title, List.of("(no result)"));
        continue;
      }
      JsonNode document = Json.read(file);
      JsonNode result = document.get("result");
      found.put(title, List.of(
          document.path("title").asText(), document.path("name").asText(),
          relative(p, document.path("path").asText()), result.path("type").asText(),
          result.path("failed").asText(), relative(p, normalized(result.path("message").asText()))));
    }
    return found;
  }

  private static Map<String, String> dates(PluginPartition p) throws IOException {
    Map<String, String> found = new TreeMap<>();
    for (String title : pluginTitles(p)) {
      Path file = p.results().resolve(title + ".status.json");
      if (Files.exists(file)) {
        found.put(title, Json.read(file).path("result").path("date").asText());
      }
    }
    return found;
  }

  /** The periodicity cache of every plugin, but its times. */
  private static Map<String, List<String>> caches(PluginPartition p) throws IOException {
    Map<String, List<String>> found = new TreeMap<>();
    for (String title : pluginTitles(p)) {
      Path file = p.dir().resolve(".slapgrid/promise/cache/" + title);
      if (Files.exists(file)) {
        JsonNode cache = Json.read(file);
        List<String> fields = new ArrayList<>();
        cache.fieldNames().forEachRemaining(fields::add);
        found.put(title, List.of(
            String.join(",", fields), cache.path("is_tested").asText(),
            cache.path("is_anomaly_detected").asText(), cache.path("periodicity").asText(),
            relative(p, cache.path("module_file").asText())));
      }
    }
    return found;
  }

  private static List<String> pluginTitles(PluginPartition p) throws IOException {
    try (var files = Files.list(p.pluginFolder())) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".py") && !n.startsWith("__init__"))
          .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
    }
  }

  private static String relative(PluginPartition p, String text) {
    return text.replace(p.dir().toString(), "$P");
  }

  /**
   * run_launcher.py reads {@code --timeout} as a float ("8.0 seconds"); slapgrid and the original
   * monitor's runpromise pass a whole number, as slapmon does ("8 seconds").
   */
  private static String normalized(String message) {
    return message.replace(
        "after " + TIMEOUT_SECONDS + ".0 seconds", "after " + TIMEOUT_SECONDS + " seconds");
  }
}
