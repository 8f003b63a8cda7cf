package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.auth.ApacheHtpasswd;

/**
 * {@code slapmon render} as SlapOS and operators run it: a separate JVM renders a partition whose
 * path needs shell quoting, the rendered service wrapper starts the monitor, and the real tools
 * (curl, openssl, htpasswd, the rendered promises) check the result.
 */
@Timeout(180)
final class RenderProcessTest {
  @TempDir Path dir;
  private Path partition;
  private Path profile;
  private int port;

  @BeforeEach
  void profile() throws IOException {
    partition = dir.resolve("part '7 $HOME `id`");
    port = freePort();
    profile = dir.resolve("instance.cfg");
    writeProfile("Render test \"é\" $x");
  }

  private void writeProfile(String title) throws IOException {
    Files.writeString(
        profile,
        String.join(
            "\n",
            "[buildout]",
            "directory = " + partition,
            "",
            "[monitor-instance-parameter]",
            "monitor-title = " + title,
            "monitor-httpd-ipv6 = ::1",
            "monitor-httpd-port = " + port,
            "monitor-base-url = https://[::1]:" + port,
            "cors-domains =",
            "",
            "[monitor-conf-parameters]",
            "ipv4 = 127.0.0.1",
            ""),
        StandardCharsets.UTF_8);
  }

  private SlapmonProcess.Outcome render(String... extra) throws IOException, InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of("render", "--instance", profile.toString()));
    args.addAll(List.of(extra));
    return SlapmonProcess.run(dir, Map.of(), args.toArray(String[]::new));
  }

  @Test
  void rendered_partition_is_served_over_https_by_its_service_wrapper() throws Exception {
    SlapmonProcess.Outcome outcome = render();
    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    Path etc = partition.resolve("etc");
    String password = Files.readString(etc.resolve(".monitor_pwd")).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(16);
    assertThat(outcome.out())
        .contains("monitor-base-url: https://[::1]:" + port + "\n")
        .contains("monitor-user: admin\n")
        .doesNotContain(password);
    assertThat(outcome.err()).doesNotContain(password);
    Path certificate = partition.resolve("srv/ssl/certs/httpd.crt");
    Path key = partition.resolve("srv/ssl/certs/httpd.key");
    for (Path secret :
        List.of(etc.resolve(".monitor_pwd"), etc.resolve("monitor-htpasswd"), key,
            etc.resolve("monitor-publish.json"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .as(secret.toString())
          .isEqualTo("rw-------");
    }

    assertThat(ApacheHtpasswd.verifies(etc.resolve("monitor-htpasswd"), "admin", password)).isTrue();
    assertThat(ApacheHtpasswd.verifies(etc.resolve("monitor-htpasswd"), "admin", password + "x"))
        .isFalse();
    assertThat(Files.readString(etc.resolve("monitor-htpasswd"))).startsWith("admin:$2y$");
    Tools.Result san =
        Tools.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-ext", "subjectAltName");
    assertThat(san.output())
        .contains("IP Address:0:0:0:0:0:0:0:1")
        .contains("IP Address:127.0.0.1");
    assertThat(Tools.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-checkend",
            Long.toString(TimeUnit.DAYS.toSeconds(820))).exitCode())
        .as("valid for 825 days")
        .isZero();
    assertThat(Tools.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-checkend",
            Long.toString(TimeUnit.DAYS.toSeconds(830))).exitCode())
        .as("and not longer")
        .isNotZero();
    assertThat(Files.readAllLines(key).get(0)).isEqualTo("-----BEGIN PRIVATE KEY-----");
    JsonNode published = new ObjectMapper().readTree(etc.resolve("monitor-publish.json").toFile());
    assertThat(published.get("monitor-password").asText()).isEqualTo(password);
    assertThat(published.get("monitor-setup-url").asText())
        .isEqualTo("https://monitor.app.officejs.com/#page=ojsm_landing&url=https://[::1]:"
            + port + "/public/feeds&username=admin&password=" + password);
    SlapmonProcess.Outcome check =
        SlapmonProcess.run(dir, Map.of(), "check-config", "--monitor-conf", etc.resolve("monitor.conf").toString());
    assertThat(check.exitCode()).as(check.err()).isZero();

    Path wrapper = etc.resolve("service/monitor-slapmon");
    Process service =
        new ProcessBuilder(wrapper.toString())
            .redirectOutput(dir.resolve("service.out").toFile())
            .redirectError(dir.resolve("service.err").toFile())
            .start();
    try {
      String base = "https://[::1]:" + port;
      awaitStatus(base + "/public/", certificate, "200", service);
      assertThat(Tools.curlStatus(base + "/private/", certificate, null, null)).isEqualTo("401");
      assertThat(Tools.curlStatus(base + "/private/", certificate, "admin", password + "x"))
          .isEqualTo("401");
      assertThat(Tools.curlStatus(base + "/private/", certificate, "admin", password))
          .isEqualTo("200");
      Tools.Result https = Tools.run(etc.resolve("promise/monitor-httpd-listening-on-tcp").toString());
      assertThat(https.exitCode()).as(https.output()).isZero();
      assertThat(https.output()).contains("answers 401 without credentials");
      Tools.Result bootstrap = Tools.run(etc.resolve("promise/monitor-bootstrap-status").toString());
      assertThat(bootstrap).isEqualTo(new Tools.Result(0, "Bootstrap OK\n"));
      Tools.Result promises = Tools.run(partition.resolve("bin/monitor-runpromise").toString());
      assertThat(promises.exitCode()).as(promises.output()).isZero();
      assertThat(promises.output()).contains("monitor-httpd-listening-on-tcp");
    } finally {
      service.destroy();
      if (!service.waitFor(30, TimeUnit.SECONDS)) {
        service.destroyForcibly();
      }
    }
    Tools.Result down = Tools.run(etc.resolve("promise/monitor-httpd-listening-on-tcp").toString());
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.output()).contains("is not available (server not reachable)");
  }

  @Test
  void second_render_changes_nothing_and_dry_run_writes_nothing() throws Exception {
    assertThat(render().exitCode()).isZero();
    Map<Path, String> first = snapshot();

    SlapmonProcess.Outcome again = render();
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains(": 0 created, 0 updated, 27 kept\n");
    assertThat(snapshot()).isEqualTo(first);

    writeProfile("A new title");
    SlapmonProcess.Outcome dryRun = render("--dry-run");
    assertThat(dryRun.exitCode()).isZero();
    assertThat(dryRun.out())
        .contains("update " + partition.resolve("etc/monitor.conf") + " (content differs)\n")
        .contains("update " + partition.resolve("etc/instance-info.conf") + " (content differs)\n")
        .contains("keep   " + partition.resolve("etc/.monitor_pwd") + " (exists;")
        .endsWith("dry run: 0 to create, 2 to update, 25 to keep; nothing written\n");
    assertThat(snapshot()).isEqualTo(first);
  }

  @Test
  void a_certificate_authority_made_by_an_earlier_version_is_renewed_as_a_servers() throws Exception {
    assertThat(render().exitCode()).isZero();
    Path certificate = partition.resolve("srv/ssl/certs/httpd.crt");
    Path key = partition.resolve("srv/ssl/certs/httpd.key");
    String subject =
        Tools.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-subject",
                "-nameopt", "RFC2253")
            .output().strip().replaceFirst("^subject=", "");
    // What earlier versions rendered: the system's v3_ca, CA:TRUE, for ten years.
    Tools.Result old =
        Tools.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
            key.toString(), "-out", certificate.toString(), "-days", "3650", "-subj", "/" + subject,
            "-addext", "basicConstraints=critical,CA:TRUE");
    assertThat(old.exitCode()).as(old.output()).isZero();

    SlapmonProcess.Outcome dryRun = render("--dry-run");
    assertThat(dryRun.out())
        .contains("update " + certificate + " (made as a certificate authority by an earlier");
    assertThat(render().exitCode()).isZero();
    assertThat(Tools.run("openssl", "x509", "-in", certificate.toString(), "-noout", "-text")
            .output())
        .contains("CA:FALSE")
        .doesNotContain("CA:TRUE");
  }

  @Test
  void dry_run_on_a_new_partition_creates_nothing() throws Exception {
    SlapmonProcess.Outcome dryRun = render("--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out())
        .contains("create " + partition.resolve("etc/monitor.conf") + " (missing)\n")
        .endsWith("dry run: 27 to create, 0 to update, 0 to keep; nothing written\n");
    assertThat(partition).doesNotExist();
  }

  @Test
  void password_edited_from_the_web_is_kept_and_published() throws Exception {
    assertThat(render().exitCode()).isZero();
    Path etc = partition.resolve("etc");
    String edited = "new p&ss #%+ wörd";
    Files.writeString(etc.resolve(".monitor_pwd"), edited + "\n");
    ApacheHtpasswd.set(etc.resolve("monitor-htpasswd"), "-B", "admin", edited);
    String htpasswd = Files.readString(etc.resolve("monitor-htpasswd"));

    SlapmonProcess.Outcome outcome = render();

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    assertThat(Files.readString(etc.resolve(".monitor_pwd"))).isEqualTo(edited + "\n");
    assertThat(Files.readString(etc.resolve("monitor-htpasswd"))).isEqualTo(htpasswd);
    assertThat(outcome.out())
        .contains("update " + etc.resolve("monitor-publish.json") + " (content differs)\n");
    JsonNode published = new ObjectMapper().readTree(etc.resolve("monitor-publish.json").toFile());
    assertThat(published.get("monitor-password").asText()).isEqualTo(edited);
    assertThat(published.get("monitor-setup-url").asText())
        .endsWith("&username=admin&password=new%20p%26ss%20%23%25%2B%20w%C3%B6rd");
  }

  @Test
  void bad_profile_exits_2_with_diagnostics_and_writes_nothing() throws Exception {
    Files.writeString(
        profile,
        "[buildout]\ndirectory = " + partition + "\n[monitor-instance-parameter]\n"
            + "monitor-httpd-ipv6 = localhost\nmonitor-httpd-port = http\n");

    SlapmonProcess.Outcome outcome = render();

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err())
        .isEqualTo(
            profile + ":4: error: [monitor-instance-parameter] monitor-httpd-ipv6: expected an IPv6"
                + " or IPv4 address literal such as 2001:db8::1 or 10.0.0.1, got 'localhost'\n"
                + profile + ":5: error: [monitor-instance-parameter] monitor-httpd-port: expected a"
                + " port number from 1 to 65535, got 'http'\n"
                + profile + ": error: [monitor-instance-parameter] monitor-base-url: missing:"
                + " expected an absolute http or https URL without query or fragment, the URL this"
                + " monitor is reached at (the original takes the frontend's"
                + " ${monitor-frontend-promise:url})\n"
                + "3 errors, 0 warnings; nothing written\n");
    assertThat(partition).doesNotExist();
  }

  @Test
  void partition_and_directory_must_agree() throws Exception {
    SlapmonProcess.Outcome outcome = render("--partition", dir.resolve("elsewhere").toString());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith(
            profile + ":2: error: [buildout] directory: '" + partition + "' is not the partition"
                + " given by --partition ('" + dir.resolve("elsewhere") + "'); expected the same"
                + " folder, or no directory option\n");
    assertThat(partition).doesNotExist();
    assertThat(dir.resolve("elsewhere")).doesNotExist();
  }

  @Test
  void resolved_file_is_read_literally() throws Exception {
    Path handed = dir.resolve("slapmon-instance.cfg");
    Files.writeString(
        handed,
        String.join(
            "\n",
            "[monitor-instance-parameter]",
            "monitor-title = Costs ${price:eur} and $${escaped}",
            "monitor-httpd-ipv6 = ::1",
            "monitor-httpd-port = " + port,
            "monitor-base-url = https://[::1]:" + port,
            "password = ${not:substituted}",
            "[monitor-base-url-dict]",
            "child = https://[2001:db8::2]:8196",
            ""));

    SlapmonProcess.Outcome outcome =
        SlapmonProcess.run(
            dir, Map.of(), "render", "--resolved", "--instance", handed.toString(),
            "--partition", partition.toString());

    assertThat(outcome.exitCode()).as(outcome.err()).isZero();
    String conf = Files.readString(partition.resolve("etc/monitor.conf"));
    assertThat(conf)
        .contains("title = Costs ${price:eur} and $${escaped}\n")
        .contains("monitor-url-list = https://[2001:db8::2]:8196\n");
    assertThat(Files.readString(partition.resolve("etc/.monitor_pwd")))
        .isEqualTo("${not:substituted}\n");
  }

  /** Every file and link under the partition: path → mode, modification time and content. */
  private Map<Path, String> snapshot() throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(partition)) {
      for (Path path : paths.toList()) {
        String entry =
            PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS))
                + " " + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis();
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          entry += " " + java.util.HexFormat.of().formatHex(Files.readAllBytes(path));
        }
        files.put(path, entry);
      }
    }
    return files;
  }

  private static void awaitStatus(String url, Path certificate, String expected, Process service)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String status = "";
    while (System.nanoTime() < deadline && service.isAlive()) {
      status = Tools.curlStatus(url, certificate, null, null);
      if (status.equals(expected)) {
        return;
      }
    }
    throw new AssertionError(url + " answered '" + status + "', service alive: " + service.isAlive());
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return probe.getLocalPort();
    }
  }
}
