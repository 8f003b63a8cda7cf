package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.MonitorConf;
import slapmon.config.settings.Settings;

/**
 * From the SR's instance profile to the partition's files, as SlapOS would deploy it: the real
 * zc.buildout resolves the instance profile, the hand-over part's text is written where the part
 * writes it, then {@code [monitor-base]}'s {@code command}, exactly as zc.buildout resolved it, runs
 * through {@code /bin/sh -c} as plone.recipe.command runs it, and {@code slapmon render --resolved}
 * writes the partition.
 *
 * <p>The one stand-in: the release's Java runtime ({@code [java-jdk] location}) is a folder whose
 * {@code bin/java} runs {@code java -jar JAR ARGS} as this build's slapmon ({@code -cp} the test
 * class path), because the shaded jar does not exist before {@code mvn package}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
final class RenderHandOverProcessTest {
  private static final String PASSWORD = "p&ss#w%rd +é";

  @TempDir Path work;

  @Test
  void the_deployed_partition_has_its_monitor_and_a_second_run_changes_nothing() throws Exception {
    Path partition = work.resolve("partition");
    String template =
        ReleaseFixture.templateMonitor(work.resolve("release"), jdkRunningThisBuild().toString());
    Path profile =
        InstanceProfile.write(
            partition,
            template,
            """
            [monitor-instance-parameter]
            monitor-title = Café & Co
            username = monitor-admin
            password = %s
            """
                .formatted(PASSWORD));
    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);
    InstanceProfile.handOver(resolution);
    String command = resolution.section("monitor-base").get("command");

    Outcome first = shell(command, partition);

    assertThat(first.exitCode()).as("first render: %s", first).isZero();
    MonitorConf conf =
        Settings.fromMonitorConf(IniDocument.read(partition.resolve("etc/monitor.conf"))).value();
    assertThat(IniDocument.read(partition.resolve("etc/monitor.conf")).section("monitor"))
        .hasEntrySatisfying("title", title -> assertThat(title.text()).isEqualTo("Café & Co"))
        .hasEntrySatisfying(
            "base-url",
            url -> assertThat(url.text()).isEqualTo("https://[" + InstanceProfile.IPV6 + "]:8196"));
    assertThat(conf.httpd())
        .as("monitor.conf has the HTTPS server's section")
        .hasValueSatisfying(
            httpd -> {
              assertThat(httpd.port()).isEqualTo(8196);
              assertThat(httpd.htpasswdFile()).isEqualTo(partition.resolve("etc/monitor-htpasswd"));
              assertThat(httpd.certificateFile()).exists();
              assertThat(httpd.keyFile()).exists();
            });
    Path service = partition.resolve("etc/service/monitor-slapmon");
    assertThat(service).isExecutable();
    assertThat(Files.readString(service))
        .contains("run --config")
        .as("the release's own OpenSSL, named to the render by the template")
        .contains("-Dorg.wildfly.openssl.path='"
            + work.resolve("release/parts/openssl/lib").toAbsolutePath().normalize() + "'");
    assertThat(htpasswdAccepts(partition.resolve("etc/monitor-htpasswd"), "monitor-admin", PASSWORD))
        .isTrue();
    assertThat(htpasswdAccepts(partition.resolve("etc/monitor-htpasswd"), "monitor-admin", "wrong"))
        .isFalse();
    Path publishFile = partition.resolve("etc/monitor-publish.json");
    assertThat(Files.getPosixFilePermissions(publishFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    JsonNode published = new ObjectMapper().readTree(publishFile.toFile());
    assertThat(published.get("monitor-setup-url").asText())
        .isEqualTo(resolution.section("publish").get("monitor-setup-url"));
    assertThat(published.get("monitor-password").asText()).isEqualTo(PASSWORD);
    assertThat(first.out()).doesNotContain(PASSWORD);

    Outcome second = shell(command, partition);

    assertThat(second.exitCode()).as("second render: %s", second).isZero();
    assertThat(second.out()).contains(": 0 created, 0 updated,");
  }

  @Test
  void a_generated_password_stored_by_buildout_is_the_one_render_keeps() throws Exception {
    Path partition = work.resolve("partition");
    String template =
        ReleaseFixture.templateMonitor(work.resolve("release"), jdkRunningThisBuild().toString());
    Path profile = InstanceProfile.write(partition, template, "");
    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);
    InstanceProfile.handOver(resolution);
    // generate.password's install step: it stores the password it generated at init.
    Map<String, String> generator = resolution.section("monitor-htpasswd");
    Files.writeString(Path.of(generator.get("storage-path")), generator.get("passwd"));

    Outcome render = shell(resolution.section("monitor-base").get("command"), partition);

    assertThat(render.exitCode()).as("render: %s", render).isZero();
    assertThat(generator.get("passwd")).hasSizeGreaterThanOrEqualTo(16);
    assertThat(Files.readString(partition.resolve("etc/.monitor_pwd")).strip())
        .isEqualTo(generator.get("passwd"));
    assertThat(htpasswdAccepts(partition.resolve("etc/monitor-htpasswd"), "admin", generator.get("passwd")))
        .isTrue();
  }

  @Test
  void the_stack_s_checks_are_plugins_and_an_earlier_render_s_executables_give_way()
      throws Exception {
    Path partition = work.resolve("partition");
    String template =
        ReleaseFixture.templateMonitor(work.resolve("release"), jdkRunningThisBuild().toString());
    Path profile = InstanceProfile.write(partition, template, "");
    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);
    Path handedOver = InstanceProfile.handOver(resolution);
    String command = resolution.section("monitor-base").get("command");
    Path https = partition.resolve("etc/promise/monitor-httpd-listening-on-tcp");
    Path bootstrap = partition.resolve("etc/promise/monitor-bootstrap-status");
    // What a render before the plugins wrote: the same file without [monitor-plugin-promises].
    String text = Files.readString(handedOver, StandardCharsets.UTF_8);
    int plugins = text.indexOf("[monitor-plugin-promises]");
    assertThat(plugins).isPositive();
    Files.writeString(handedOver, text.substring(0, plugins), StandardCharsets.UTF_8);
    assertThat(shell(command, partition).exitCode()).isZero();
    assertThat(https).isExecutable();
    assertThat(bootstrap).isExecutable();
    Files.writeString(bootstrap, "#!/bin/sh\n# an operator's own check\nexit 0\n");
    Files.writeString(handedOver, text, StandardCharsets.UTF_8);

    Outcome render = shell(command, partition);

    assertThat(resolution.section("monitor-base").get("depends"))
        .contains(
            "monitor-httpd-listening-on-tcp.py", "monitor-http-frontend.py",
            "check-monitor-frontend-password.py", "monitor-bootstrap-status.py",
            "buildout-slappart7-status.py", "check-free-disk-space.py");
    assertThat(text)
        .contains(
            "monitor-httpd-promise = "
                + partition.resolve("etc/plugin/monitor-httpd-listening-on-tcp.py"),
            "monitor-bootstrap-promise = "
                + partition.resolve("etc/plugin/monitor-bootstrap-status.py"));
    assertThat(render.exitCode()).as("render: %s", render).isZero();
    assertThat(https).as("slapmon's executable, replaced by the plugin").doesNotExist();
    assertThat(bootstrap)
        .as("not slapmon's: left alone")
        .hasContent("#!/bin/sh\n# an operator's own check\nexit 0");
    assertThat(render.out()).contains("remove " + https).contains(", 1 removed");
  }

  record Outcome(int exitCode, String out, String err) {}

  /** Runs {@code command} as plone.recipe.command does: one shell, in the buildout folder. */
  private Outcome shell(String command, Path directory) throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "render-", ".out");
    Path err = Files.createTempFile(work, "render-", ".err");
    Process process =
        new ProcessBuilder("/bin/sh", "-c", command)
            .directory(directory.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the render command did not finish in 90 s: " + command);
    }
    return new Outcome(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** {@code htpasswd -v}, the password given on stdin, never on the command line. */
  private boolean htpasswdAccepts(Path file, String user, String password)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("htpasswd", "-v", "-i", file.toString(), user)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("htpasswd.out").toFile())
            .start();
    process.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.exitValue() == 0;
  }

  /** A JDK folder whose {@code bin/java -jar JAR ARGS} runs this build's slapmon with ARGS. */
  private Path jdkRunningThisBuild() throws IOException {
    Path jdk = work.resolve("jdk");
    Path java = jdk.resolve("bin/java");
    Files.createDirectories(java.getParent());
    String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    for (String path : List.of(realJava, classPath)) {
      assertThat(path).doesNotContain("'");
    }
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "# Stands for the release's java: `java [-DNAME=VALUE] -jar JAR ARGS` runs this build's\n"
            + "# slapmon.\n"
            + "property=-Dslapmon.none=\n"
            + "case \"$1\" in -D*) property=$1; shift;; esac\n"
            + "[ \"$1\" = -jar ] && [ -n \"$2\" ] || { echo \"expected -jar JAR, got: $*\" >&2; exit 64; }\n"
            + "shift 2\n"
            + "exec '" + realJava + "' \"$property\" -cp '" + classPath
            + "' slapmon.runtime.launch.Main \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return jdk;
  }
}
