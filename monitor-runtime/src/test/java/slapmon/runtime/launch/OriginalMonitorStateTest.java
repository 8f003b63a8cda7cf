package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import slapmon.runtime.json.Json;
import slapmon.runtime.promise.PromiseEngine;
import slapmon.runtime.state.RunnerHealth;
import slapmon.runtime.state.StatePublisher;
import slapmon.runtime.state.StateSettings;

/**
 * slapmon against the original's own {@code slapos/monitor/monitor_state.py} (Debian's python, the
 * oracle tree of {@code shared/oracles/slapos}) on the same slapgrid results, written by the real
 * promise launcher: two partitions laid out as the monitor stack lays them out, the original
 * reading its {@code public/promise/}, slapmon its {@code .slapgrid/promise/result/}. The
 * monitor.global.json documents validate against the original's JSON schema (with slapmon's
 * extra fields, {@link #OUR_EXTRA_FIELDS}), and they, the history files and the feed agree field
 * by field but for the differences documented in docs/slapos.md ("Today's formats").
 */
@Timeout(300)
final class OriginalMonitorStateTest {
  /** What slapmon's private and public monitor.global.json add to today's schema. */
  static final List<String> OUR_EXTRA_FIELDS =
      List.of("hosting-title", "_embedded", "runner", "writes", "unreadable", "last-config-edit",
          "nagios-state", "sub-monitors");

  private static final String DATE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000";

  /** Runs the original's monitor_state.py as its cron line does: one argument, monitor.conf. */
  private static final String MONITOR_STATE =
      String.join(
          "\n",
          "import os, sys",
          "here = sys.argv[1]",
          "sys.path[0:0] = [os.path.join(here, p)",
          "                 for p in ('stubs', 'slapos.core', 'slapos.toolbox')]",
          "sys.argv = ['monitor.genstate', sys.argv[2]]",
          "from slapos.monitor.monitor_state import main",
          "main()");

  /** Validates JSON files against a draft-04 schema that also allows the extra fields given. */
  private static final String VALIDATE =
      String.join(
          "\n",
          "import json, sys, jsonschema",
          "schema = json.load(open(sys.argv[1]))",
          "for key in json.loads(sys.argv[2]):",
          "  schema['properties'][key] = {}",
          "validator = jsonschema.Draft4Validator(",
          "    schema, format_checker=jsonschema.FormatChecker())",
          "errors = ['%s: %s at %s' % (name, e.message, list(e.path))",
          "          for name in sys.argv[3:]",
          "          for e in validator.iter_errors(json.load(open(name)))]",
          "print('\\n'.join(errors) or 'valid')",
          "sys.exit(1 if errors else 0)");

  @TempDir Path dir;
  private Path oracle;
  private Path ours;
  private Path original;

  @BeforeEach
  void partitions() throws IOException {
    oracle = oracleTree();
    assumeTrue(oracle != null, "no shared/oracles/slapos beside the repository");
    ours = partition("ours");
    original = partition("original");
    plugin("check-ok", "check_command_execute", "{'command': 'true'}");
    plugin("check-down", "check_command_execute", "{'command': 'echo down; false'}");
    plugin("check-port", "check_socket_listening", "{'host': '127.0.0.1', 'port': '1'}");
    Path legacy = ours.resolve("etc/promise/legacy-fine");
    Files.writeString(legacy, "#!/bin/sh\necho fine\n", StandardCharsets.UTF_8);
    legacy.toFile().setExecutable(true);
  }

  private static Path oracleTree() {
    Path repository = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    for (Path folder = repository.toAbsolutePath(); folder != null; folder = folder.getParent()) {
      Path tree = folder.resolve("shared/oracles/slapos");
      if (Files.isRegularFile(tree.resolve("slapos.toolbox/slapos/monitor/monitor_state.py"))) {
        return tree;
      }
    }
    return null;
  }

  /** A partition as the stack lays it out, with the monitor.conf both read. */
  private Path partition(String name) throws IOException {
    Path p = Files.createDirectories(dir.resolve(name));
    for (String folder :
        List.of("etc/plugin", "etc/promise", "srv/monitor/public/promise",
            "srv/monitor/private/documents", "srv/monitor/private/config/.jio_documents", "tmp")) {
      Files.createDirectories(p.resolve(folder));
    }
    try (InputStream config = getClass().getResourceAsStream("/state/config.json")) {
      Files.copy(config, p.resolve("srv/monitor/private/config/.jio_documents/config.json"));
    }
    String at = p.toString();
    Files.writeString(
        p.resolve("etc/monitor.conf"),
        String.join(
            "\n",
            "[monitor]",
            "title = Differential",
            "root-title = Differential ROOT",
            "base-url = https://[::1]:8196",
            "public-folder = " + at + "/srv/monitor/public",
            "private-folder = " + at + "/srv/monitor/private",
            "webdav-folder = " + at + "/srv/monitor/webdav",
            "service-pid-folder = " + at + "/var/run/monitor",
            "pid-file = " + at + "/var/run/monitor/monitor-bootstrap.pid",
            "promise-output-file = " + at + "/srv/monitor/monitor-bootstrap-status",
            "public-path-list =",
            "private-path-list =",
            "monitor-url-list = https://sub1.test.com https://[2001:db8::1]:9000",
            "parameter-file-path = " + at + "/etc/monitor_knowledge0.cfg",
            "parameter-list =",
            "",
            // Today's template: no legacy-promise-folder (slapmon would run those itself).
            "[promises]",
            "output-folder = " + at + "/srv/monitor/public/promise",
            "history-folder = " + at + "/srv/monitor/public",
            "promise-folder = " + at + "/etc/plugin",
            "partition-folder = " + at,
            "computer-id = COMP-1234",
            "ipv4 = 10.0.151.118",
            "ipv6 = 2001:db8::5df3",
            "software-release = http://some.url.com/software.cfg",
            "software-type = default",
            "partition-id = slappart7",
            ""),
        StandardCharsets.UTF_8);
    return p;
  }

  /** A plugin as slapos.cookbook's promise.plugin recipe writes it, in both partitions. */
  private void plugin(String name, String module, String config) throws IOException {
    String text =
        "import sys\nsys.path[0:0] = []\nextra_config_dict = " + config + "\n"
            + "from slapos.promise.plugin." + module + " import RunPromise\n";
    for (Path p : List.of(ours, original)) {
      Files.writeString(p.resolve("etc/plugin/" + name + ".py"), text, StandardCharsets.UTF_8);
    }
  }

  /**
   * The real launcher on our partition (slapgrid's test mode), then its results copied to the
   * original's {@code public/promise/}, where the stack's link puts them.
   */
  private void slapgrid(String... only) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "/usr/bin/python3", oracle.resolve("run_launcher.py").toString(),
                ours.toString()));
    if (only.length > 0) {
      command.add("--only");
      command.addAll(List.of(only));
    }
    Tools.Result launcher = Tools.run("", command);
    assertThat(launcher.exitCode()).as(launcher.output()).isIn(0, 2);
    Path published = original.resolve("srv/monitor/public/promise");
    try (DirectoryStream<Path> results =
        Files.newDirectoryStream(ours.resolve(".slapgrid/promise/result"), "*.status.json")) {
      for (Path result : results) {
        Files.copy(
            result, published.resolve(result.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** One state generation of each: the original's cron job, slapmon's promise pass and publish. */
  private void generate() throws Exception {
    Tools.Result state =
        Tools.run(
            "/usr/bin/python3", "-c", MONITOR_STATE, oracle.toString(),
            original.resolve("etc/monitor.conf").toString());
    assertThat(state.exitCode()).as(state.output()).isZero();

    RuntimeConfig config = RuntimeConfig.load(ours.resolve("etc/monitor.conf"));
    try (PromiseEngine engine = PromiseEngine.create(config.engine(), Clock.systemUTC())) {
      engine.runPromisesOnce(Optional.empty());
    }
    Instant now = Instant.now();
    new StatePublisher(config.stateSettings())
        .publish(
            now, new RunnerHealth(Optional.of(now), now.plusSeconds(60), Duration.ofSeconds(60)));
  }

  private JsonNode read(Path partition, String file) throws IOException {
    return Json.read(partition.resolve("srv/monitor").resolve(file));
  }

  @Test
  void same_results_give_the_same_global_state_history_and_feed() throws Exception {
    slapgrid();
    generate();
    // A change: one plugin starts failing, slapgrid runs it alone.
    plugin("check-ok", "check_command_execute", "{'command': 'echo broke; false'}");
    slapgrid("check-ok.py");
    generate();

    schemaValidates(
        ours.resolve("srv/monitor/private/monitor.global.json"),
        ours.resolve("srv/monitor/public/monitor.global.json"),
        original.resolve("srv/monitor/private/monitor.global.json"),
        original.resolve("srv/monitor/public/monitor.global.json"));
    globalStatesAgree("private/monitor.global.json");
    globalStatesAgree("public/monitor.global.json");
    JsonNode state = read(ours, "private/monitor.global.json");
    assertThat(state.get("status").asText()).isEqualTo("ERROR");
    assertThat(state.get("state").get("error").asInt()).isEqualTo(3);
    assertThat(state.get("state").get("success").asInt()).isEqualTo(1);
    for (String title : List.of("check-ok", "check-down", "check-port", "legacy-fine")) {
      historiesAgree(title);
    }
    assertThat(read(ours, "public/check-ok.history.json").get("data")).hasSize(2);
    feedsAgree();
  }

  @Test
  void a_new_result_saying_the_same_is_an_entry_of_ours_only() throws Exception {
    slapgrid();
    generate();
    // A result of a later second: the launcher's dates have seconds.
    Instant first =
        Json.parseDate(read(ours, "public/check-down.status.json").get("date").asText());
    while (!Instant.now().isAfter(first.plusSeconds(1))) {
      Thread.onSpinWait();
    }
    slapgrid("check-down.py");
    generate();

    // The documented difference: the original adds an entry when the change-date or the message
    // differs, slapmon for each result slapgrid writes anew.
    String file = "public/check-down.history.json";
    JsonNode theirs = read(original, file).get("data");
    JsonNode mine = read(ours, file).get("data");
    assertThat(theirs).hasSize(1);
    assertThat(mine).hasSize(2);
    for (String field : List.of("status", "failed", "message", "change-date")) {
      assertThat(mine.get(1).get(field)).as(field).isEqualTo(theirs.get(0).get(field));
    }
    assertThat(mine.get(1).get("date")).isNotEqualTo(theirs.get(0).get("date"));
    globalStatesAgree("private/monitor.global.json");
    feedsAgree();
  }

  private void schemaValidates(Path... documents) throws Exception {
    Path schema = oracle.resolve("slapos.toolbox/slapos/monitor/doc/monitor_instance.schema.json");
    List<String> command =
        new java.util.ArrayList<>(
            List.of("/usr/bin/python3", "-c", VALIDATE, schema.toString(),
                Json.text(OUR_EXTRA_FIELDS)));
    for (Path document : documents) {
      command.add(document.toString());
    }
    Tools.Result validation = Tools.run("", command);
    assertThat(validation.output().strip()).isEqualTo("valid");
    assertThat(validation.exitCode()).isZero();
  }

  /**
   * Every field of the original's document has the same value in ours, but the date (another
   * run, the same format) and the counts, where ours adds the seed's {@code warning}.
   */
  private void globalStatesAgree(String file) throws IOException {
    JsonNode theirs = read(original, file);
    JsonNode mine = read(ours, file);
    Set<String> compared = new java.util.TreeSet<>();
    theirs.fieldNames().forEachRemaining(compared::add);
    for (String field : compared) {
      assertThat(mine.has(field)).as(file + " has " + field).isTrue();
      switch (field) {
        case "date" -> {
          assertThat(theirs.get(field).asText()).matches(DATE);
          assertThat(mine.get(field).asText()).matches(DATE);
        }
        case "state" -> {
          assertThat(mine.get("state").get("error")).isEqualTo(theirs.get("state").get("error"));
          assertThat(mine.get("state").get("success"))
              .isEqualTo(theirs.get("state").get("success"));
        }
        // The same address; its spelling is the officejs17 change's (published as configured).
        case "ipv4", "ipv6" ->
            assertThat(InetAddress.getByName(mine.get(field).asText()))
                .as(file + ": " + field)
                .isEqualTo(InetAddress.getByName(theirs.get(field).asText()));
        default -> assertThat(mine.get(field)).as(file + ": " + field).isEqualTo(theirs.get(field));
      }
    }
    Set<String> added = new java.util.TreeSet<>();
    mine.fieldNames().forEachRemaining(added::add);
    added.removeAll(compared);
    // Only what the schema lists (the seed's type) and our documented extras.
    added.removeAll(OUR_EXTRA_FIELDS);
    added.remove("type");
    assertThat(added).as(file + ": fields neither in the original nor documented").isEmpty();
  }

  /**
   * Entry by entry, each field the original writes has the same value in ours; slapmon rounds
   * the execution time to the millisecond and adds the seed's fields.
   */
  private void historiesAgree(String title) throws IOException {
    String file = "public/" + title + ".history.json";
    JsonNode theirs = read(original, file).get("data");
    JsonNode mine = read(ours, file).get("data");
    assertThat(mine).as(file).hasSameSizeAs(theirs);
    for (int i = 0; i < theirs.size(); i++) {
      JsonNode entry = theirs.get(i);
      List<String> fields = new java.util.ArrayList<>();
      entry.fieldNames().forEachRemaining(fields::add);
      List<String> expected =
          new java.util.ArrayList<>(
              List.of("execution-time", "status", "failed", "date", "message", "change-date"));
      if (i == 0) {
        expected.addAll(List.of("title", "name"));
      }
      assertThat(fields).as("the original's %s entry %d", file, i)
          .containsExactlyInAnyOrderElementsOf(expected);
      for (String field : fields) {
        String what = file + " entry " + i + ": " + field;
        if (field.equals("execution-time")) {
          assertThat(mine.get(i).get(field).asDouble()).as(what)
              .isCloseTo(entry.get(field).asDouble(), within(0.001));
        } else {
          assertThat(mine.get(i).get(field)).as(what).isEqualTo(entry.get(field));
        }
      }
    }
  }

  /**
   * The channel and each item by promise: same title, category, source and date of the change.
   * The original's pubDate is the change-date as written (not RFC 822, its bug), ours RFC 822;
   * descriptions, GUIDs and links differ as documented.
   */
  private void feedsAgree() throws Exception {
    Element theirs = feed(original);
    Element mine = feed(ours);
    for (String field : List.of("title", "link", "description")) {
      assertThat(child(mine, field)).as("channel " + field).isEqualTo(child(theirs, field));
    }
    Map<String, Element> theirItems = items(theirs);
    Map<String, Element> myItems = items(mine);
    assertThat(myItems.keySet()).isEqualTo(theirItems.keySet());
    for (Map.Entry<String, Element> item : theirItems.entrySet()) {
      Element my = myItems.get(item.getKey());
      Element their = item.getValue();
      for (String field : List.of("title", "category", "source")) {
        assertThat(child(my, field)).as(item.getKey() + " " + field).isEqualTo(child(their, field));
      }
      assertThat(source(my)).isEqualTo(source(their));
      assertThat(ZonedDateTime.parse(child(my, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant())
          .as(item.getKey() + " pubDate")
          .isEqualTo(Json.parseDate(child(their, "pubDate")));
    }
  }

  private static Element feed(Path partition) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element rss =
        factory.newDocumentBuilder()
            .parse(partition.resolve("srv/monitor/public/feed").toFile())
            .getDocumentElement();
    return (Element) rss.getElementsByTagName("channel").item(0);
  }

  private static Map<String, Element> items(Element channel) {
    Map<String, Element> items = new TreeMap<>();
    NodeList list = channel.getElementsByTagName("item");
    for (int i = 0; i < list.getLength(); i++) {
      Element item = (Element) list.item(i);
      items.put(child(item, "source"), item);
    }
    return items;
  }

  private static String source(Element item) {
    return ((Element) item.getElementsByTagName("source").item(0)).getAttribute("url");
  }

  /** The text of the element's first direct child of that name, or null. */
  private static String child(Element element, String name) {
    Map<String, String> texts = new HashMap<>();
    for (org.w3c.dom.Node node = element.getFirstChild();
        node != null;
        node = node.getNextSibling()) {
      if (node instanceof Element child && !texts.containsKey(child.getTagName())) {
        texts.put(child.getTagName(), child.getTextContent());
      }
    }
    return texts.get(name);
  }
}
