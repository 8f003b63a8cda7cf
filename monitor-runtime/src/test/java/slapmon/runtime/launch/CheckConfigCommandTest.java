package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slapmon check-config}, called in-process through {@link Main#run}. */
final class CheckConfigCommandTest {
  @TempDir Path dir;

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void valid_file_exits_0_and_says_ok() throws IOException {
    Path file = write("ok.cfg", "[buildout]\nparts = a\n[a]\nx = ${b:y}\n[b]\ny = 1\n");
    Result result = run("check-config", file.toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(file + ": ok, 4 sections\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void invalid_file_exits_2_with_every_diagnostic_on_stderr() throws IOException {
    Path file = write("bad.cfg", "[buildout]\nparts = a\n[a]\nx = ${b:y}\nkey: value\n");
    Result result = run("check-config", file.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            file + ":5: error: [a] expected 'name = value', got 'key: value': only '=' separates a"
                + " name from its value\n1 error, 0 warnings\n");
  }

  @Test
  void unresolved_reference_in_a_used_part_is_an_error() throws IOException {
    Path file = write("bad.cfg", "[buildout]\nparts = a\n[a]\nx = ${b:y}\n");
    Result result = run("check-config", file.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            file + ":4: error: [a] x: ${b:y} refers to section [b], which does not exist\n"
                + "1 error, 0 warnings\n");
  }

  @Test
  void part_that_is_not_a_section_is_an_error() throws IOException {
    Path file = write("bad.cfg", "[buildout]\nparts =\n  a\n  ghost\n[a]\n");
    Result result = run("check-config", file.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            file + ":2: error: [buildout] parts: names part [ghost], which is not a section of the"
                + " configuration\n");
  }

  @Test
  void broken_section_that_no_part_uses_is_only_a_warning_with_print() throws IOException {
    // zc.buildout resolves lazily: an unused macro that references ${:name} is fine there.
    Path file =
        write(
            "lazy.cfg",
            "[buildout]\nparts = a\n[macro]\nfile = ${:name}.log\n[a]\n<= macro\nname = app\n");
    Result result = run("check-config", "--print", file.toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.err())
        .isEqualTo(
            file + ":4: warning: [macro] file: ${:name} refers to option 'name', which section"
                + " [macro] does not have (no part uses this section, so buildout would not fail)\n");
  }

  @Test
  void print_gives_resolved_sections_as_json() throws IOException {
    Path file =
        write(
            "p.cfg",
            "[buildout]\nparts = a\n[a]\n<= m\nlist += three\nref = ${:list}\nesc = $${x:y}\n"
                + "[m]\nlist =\n  one\n  two\n");
    Result result = run("check-config", "--print", file.toString());
    assertThat(result.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    assertThat(json.get("a").get("ref").asText()).isEqualTo("one\ntwo\nthree");
    assertThat(json.get("a").get("esc").asText()).isEqualTo("$${x:y}");
    assertThat(json.get("a").has("<")).isFalse();
    assertThat(json.get("buildout").get("directory").asText()).isEqualTo(dir.toString());
  }

  @Test
  void missing_file_exits_2_and_names_it() {
    Path missing = dir.resolve("nope.cfg");
    Result result = run("check-config", missing.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(missing + ": error: no such file: " + missing + "\n1 error, 0 warnings\n");
  }

  @Test
  void unknown_command_is_a_usage_error() {
    Result result = run("frobnicate");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("slapmon: Unmatched argument at index 0: 'frobnicate'");
  }

  @Test
  void no_command_is_a_usage_error() {
    Result result = run();
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("slapmon: a command is required");
  }

  @Test
  void help_and_version_exit_0() {
    Result help = run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("check-config");
    Result version = run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).matches("slapmon \\d+\\.\\d+\\.\\d+.*\n");
  }

  @Test
  void monitor_sections_are_checked_for_types_and_ranges() throws IOException {
    Path file =
        write(
            "m.cfg",
            "[buildout]\nparts =\n[monitor-instance-parameter]\nmonitor-httpd-ipv6 = ::1\n"
                + "monitor-base-url = https://[::1]:8196\nmonitor-httpd-port = 99999\n");
    Result result = run("check-config", file.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith(
            file + ":6: error: [monitor-instance-parameter] monitor-httpd-port: expected a port"
                + " number from 1 to 65535, got '99999'\n");
  }

  @Test
  void shipped_example_is_valid() {
    Result result = run("check-config", "../examples/instance-monitor-example.cfg");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void monitor_conf_is_read_literally_and_checked() throws IOException {
    Path file =
        write(
            "monitor.conf",
            String.join(
                "\n",
                "[monitor]",
                "title = 100% ${not:substituted}",
                "root-title = Root",
                "base-url = https://[2001:db8::1]:8196",
                "public-folder = /p/srv/monitor/public",
                "private-folder = /p/srv/monitor/private",
                "webdav-folder = /p/srv/monitor/webdav",
                "promise-folder = /p/etc/promise",
                "service-pid-folder = /p/var/run/monitor",
                "pid-file = /p/var/run/monitor/monitor-bootstrap.pid",
                "promise-output-file = /p/srv/monitor/monitor-bootstrap-status",
                "public-path-list =",
                "private-path-list = /p/var/log",
                "monitor-url-list =",
                "parameter-file-path = /p/etc/monitor_knowledge0.cfg",
                "parameter-list = raw monitor-user admin",
                ""));
    Result ok = run("check-config", "--monitor-conf", file.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).isEqualTo(file + ": ok, 1 promise folder\n");
    Result printed = run("check-config", "--monitor-conf", "--print", file.toString());
    assertThat(printed.out()).contains("\"title\" : \"100% ${not:substituted}\"");
    Files.writeString(file, Files.readString(file).replace("pid-file = /p/var", "pid-file = var"));
    Result bad = run("check-config", "--monitor-conf", file.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith(file + ":10: error: [monitor] pid-file: ");
  }
}
