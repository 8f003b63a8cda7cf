package slapmon.config.buildout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.ConfigException;
import slapmon.config.Diagnostic;

/**
 * Malformed configurations, each written to a real file, and the exact diagnostics they give:
 * {@code file:line: error: [section] key: message}, every error collected before failing.
 */
final class MalformedConfigTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Loads and resolves every section; returns the diagnostics with the folder shown as {@code D}. */
  private List<String> errorsOf(Path file) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> BuildoutConfig.load(file).resolveAll());
    assertThat(e).as("expected %s to be rejected", file.getFileName()).isNotNull();
    return e.diagnostics().stream()
        .map(Diagnostic::toString)
        .map(s -> s.replace(dir.toString(), "D"))
        .toList();
  }

  @Test
  void reference_to_missing_section_names_the_referencing_line() throws IOException {
    Path file = write("a.cfg", "[a]\nok = 1\nx = before ${nope:y} after\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:3: error: [a] x: ${nope:y} refers to section [nope], which does not exist");
  }

  @Test
  void reference_to_missing_option_names_section_and_option() throws IOException {
    Path file = write("a.cfg", "[a]\nx = ${b:missing}\n[b]\ny = 1\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] x: ${b:missing} refers to option 'missing',"
                + " which section [b] does not have");
  }

  @Test
  void reference_cycle_prints_the_chain() throws IOException {
    Path file = write("a.cfg", "[a]\nx = ${b:y}\n[b]\ny = ${c:z}\n[c]\nz = ${a:x}\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] x: circular reference: [a] x -> [b] y -> [c] z -> [a] x");
  }

  @Test
  void option_referring_to_itself_is_a_cycle() throws IOException {
    Path file = write("a.cfg", "[a]\nx = ${:x}/more\n");
    assertThat(errorsOf(file))
        .containsExactly("D/a.cfg:2: error: [a] x: circular reference: [a] x -> [a] x");
  }

  @Test
  void extends_of_a_name_holding_a_nul_is_diagnosed() throws IOException {
    // Found by the fuzzer (ConfigReaderFuzzTestInputs): it used to escape as InvalidPathException.
    Path file = write("a.cfg", "[buildout]\nextends = base\0.cfg\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [buildout] extends: cannot extend 'base\\0.cfg': not a file name"
                + " (Nul character not allowed)");
  }

  @Test
  void text_before_the_first_header() throws IOException {
    Path file = write("a.cfg", "# a comment is fine\n\nkey = value\n[a]\nx = 1\n");
    assertThat(errorsOf(file))
        .containsExactly("D/a.cfg:3: error: found text before the first section header: 'key = value'");
  }

  @Test
  void line_that_is_neither_header_nor_option() throws IOException {
    Path file = write("a.cfg", "[a]\nx = 1\njust some words\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:3: error: [a] expected a section header '[name]', an option 'name = value'"
                + " or an indented continuation line, got 'just some words'");
  }

  @Test
  void malformed_header() throws IOException {
    Path file = write("a.cfg", "[a]\nx = 1\n[bad name]\ny = 2\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:3: error: [a] malformed section header '[bad name]': expected '[name]' or"
                + " '[name:condition]', where a name has no spaces or any of #;:{}[]");
  }

  @Test
  void option_name_with_a_space() throws IOException {
    Path file = write("a.cfg", "[a]\nname with space = ok\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] malformed option name in 'name with space = ok': option names"
                + " cannot contain spaces (only one '+' or '-' may stand before '=')");
  }

  @Test
  void colon_is_not_a_separator() throws IOException {
    Path file = write("a.cfg", "[a]\nkey: value\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] expected 'name = value', got 'key: value': only '=' separates"
                + " a name from its value");
  }

  @Test
  void every_bad_line_of_every_file_is_reported_at_once() throws IOException {
    write("base.cfg", "[b]\nkey: value\n[c]\nx = 1\n  \n= no name\n");
    Path file = write("a.cfg", "[buildout]\nextends = base.cfg\n[a]\nwords here\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:4: error: [a] expected a section header '[name]', an option 'name = value'"
                + " or an indented continuation line, got 'words here'",
            "D/base.cfg:2: error: [b] expected 'name = value', got 'key: value': only '='"
                + " separates a name from its value",
            "D/base.cfg:6: error: [c] expected 'name = value', got '= no name': the option name"
                + " is missing");
  }

  @Test
  void nested_reference_has_too_many_colons() throws IOException {
    Path file = write("a.cfg", "[a]\nx = ${a:${b:c}}\n[b]\nc = 1\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] x: the substitution ${a:${b:c} has too many colons (references"
                + " do not nest): expected ${section:option} or ${:option}");
  }

  @Test
  void reference_without_colon() throws IOException {
    Path file = write("a.cfg", "[a]\nx = ${nocolon}\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] x: the substitution ${nocolon} has no colon: expected"
                + " ${section:option} or ${:option}");
  }

  @Test
  void reference_with_invalid_section_name() throws IOException {
    Path file = write("a.cfg", "[a]\nx = ${a/b:c}\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] x: the section name in the substitution ${a/b:c} has characters"
                + " other than letters, digits, space, '-', '.' and '_'");
  }

  @Test
  void extends_to_a_missing_file_names_the_extends_line() throws IOException {
    Path file = write("a.cfg", "[buildout]\nparts =\nextends =\n  ok.cfg\n  sub/missing.cfg\n");
    write("ok.cfg", "[x]\ny = 1\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:3: error: [buildout] extends: extends names 'D/sub/missing.cfg', which does"
                + " not exist");
  }

  @Test
  void extends_loop_prints_the_chain() throws IOException {
    write("b.cfg", "[buildout]\nextends = a.cfg\n");
    Path file = write("a.cfg", "[buildout]\nextends = b.cfg\n");
    assertThat(errorsOf(file))
        .containsExactly("D/b.cfg:2: error: [buildout] extends: extends loop: D/a.cfg -> D/b.cfg -> D/a.cfg");
  }

  @Test
  void extends_url_is_refused() throws IOException {
    Path file = write("a.cfg", "[buildout]\nextends = https://example.com/stack.cfg\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [buildout] extends: cannot extend 'https://example.com/stack.cfg':"
                + " slapmon reads local files only and never downloads configuration; expected a"
                + " path relative to D");
  }

  @Test
  void macro_loop_prints_the_chain() throws IOException {
    Path file = write("a.cfg", "[a]\n<= b\n[b]\n<= c\n[c]\n<= a\n");
    assertThat(errorsOf(file))
        .containsExactly("D/a.cfg:2: error: [a] <: macro loop: [a] <= [b] <= [c] <= [a]");
  }

  @Test
  void macro_naming_two_sections_on_one_line() throws IOException {
    Path file = write("a.cfg", "[a]\n<= b c\n[b]\n[c]\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] <: <= names section [b c], which does not exist (write one"
                + " section per line)");
  }

  @Test
  void indented_line_with_no_option_above() throws IOException {
    Path file = write("a.cfg", "[a]\n  orphan\nx = 1\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] an indented line must continue an option, but no option precedes"
                + " it: '  orphan'");
  }

  @Test
  void unsupported_header_condition() throws IOException {
    Path file = write("a.cfg", "[a:sys.platform == 'linux']\nx = 1\n");
    assertThat(errorsOf(file))
        .singleElement()
        .asString()
        .startsWith(
            "D/a.cfg:1: error: [a] unsupported section condition 'sys.platform == 'linux''"
                + " (at 'sys.platform'): expected the names ");
  }

  @Test
  void part_dependency_on_a_missing_section() throws IOException {
    Path file = write("a.cfg", "[a]\n=> missing\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] <part-dependencies>: => names part [missing], which does not"
                + " exist");
  }

  @Test
  void errors_in_several_sections_are_all_collected() throws IOException {
    Path file = write("a.cfg", "[a]\nx = ${q:r}\n[b]\ny = ${:nope}\n[c]\nz = fine\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [a] x: ${q:r} refers to section [q], which does not exist",
            "D/a.cfg:4: error: [b] y: ${:nope} refers to option 'nope', which section [b] does not"
                + " have");
  }

  @Test
  void option_set_twice_is_a_warning_not_an_error() throws Exception {
    Path file = write("a.cfg", "[a]\nx = 1\n[b]\n[a]\nx = 2\n");
    BuildoutConfig config = BuildoutConfig.load(file);
    assertThat(config.section("a").get("x").text()).isEqualTo("2");
    assertThat(config.warnings())
        .map(d -> d.toString().replace(dir.toString(), "D"))
        .containsExactly(
            "D/a.cfg:5: warning: [a] x: set again in the same section (first set at line 2);"
                + " the later value wins");
  }

  /** As {@link #errorsOf}, on a thread with the 512 KiB stack the slapmon launcher gives. */
  private List<String> errorsOnLauncherStack(Path file) throws InterruptedException {
    java.util.concurrent.atomic.AtomicReference<Object> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(errorsOf(file));
              } catch (Throwable t) {
                result.set(t);
              }
            },
            "launcher-stack",
            512 * 1024);
    thread.start();
    thread.join();
    assertThat(result.get()).as("what reading %s gave", file.getFileName()).isInstanceOf(List.class);
    @SuppressWarnings("unchecked")
    List<String> errors = (List<String>) result.get();
    return errors;
  }

  @Test
  void a_reference_chain_deeper_than_the_limit_is_an_error_not_a_stack_overflow() throws Exception {
    StringBuilder text = new StringBuilder("[a]\n");
    for (int i = 0; i < 1000; i++) {
      text.append("x").append(i).append(" = ${a:x").append(i + 1).append("}\n");
    }
    text.append("x1000 = end\n");
    List<String> errors = errorsOnLauncherStack(write("a.cfg", text.toString()));
    assertThat(errors).isNotEmpty();
    assertThat(errors.get(0))
        .matches("D/a\\.cfg:\\d+: error: \\[a\\] x\\d+: references nested deeper than 200 levels;.*");
  }

  @Test
  void a_macro_chain_deeper_than_the_limit_is_an_error_not_a_stack_overflow() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 4000; i++) {
      text.append("[m").append(i).append("]\n<= m").append(i + 1).append("\nx").append(i).append(" = 1\n");
    }
    text.append("[m4000]\ny = 2\n");
    List<String> errors = errorsOnLauncherStack(write("a.cfg", text.toString()));
    assertThat(errors).isNotEmpty();
    assertThat(errors).allMatch(e -> e.contains("macros nested deeper than 200 sections"));
  }

  @Test
  void an_extends_chain_deeper_than_the_limit_is_an_error_not_a_stack_overflow() throws Exception {
    for (int i = 0; i < 1000; i++) {
      write("f" + i + ".cfg", "[buildout]\nextends = f" + (i + 1) + ".cfg\n[s" + i + "]\nx = 1\n");
    }
    write("f1000.cfg", "[last]\nx = 1\n");
    List<String> errors = errorsOnLauncherStack(dir.resolve("f0.cfg"));
    assertThat(errors)
        .containsExactly(
            "D/f100.cfg:2: error: [buildout] extends: extends nested deeper than 100 files"
                + " (D/f0.cfg -> ... -> D/f100.cfg); expected a shorter chain");
  }

  @Test
  @org.junit.jupiter.api.Timeout(30)
  void many_unclosed_references_are_read_in_linear_time() throws Exception {
    // As for zc.buildout, "${" never closed is no reference: the value stays as written.
    String value = "${b:".repeat(200_000);
    Path file = write("a.cfg", "[a]\nx = " + value + "\n");
    assertThat(BuildoutConfig.load(file).resolveAll().get("a").get("x").text()).isEqualTo(value);
  }

  @Test
  void extending_a_device_or_a_folder_is_an_error_not_an_endless_read() throws IOException {
    write("sub/x.cfg", "[x]\ny = 1\n");
    Path file = write("a.cfg", "[buildout]\nextends = /dev/zero sub\n[a]\nx = 1\n");
    assertThat(errorsOf(file))
        .containsExactly(
            "D/a.cfg:2: error: [buildout] extends: not a regular file: /dev/zero (a folder, a"
                + " device or a pipe); expected a configuration file",
            "D/a.cfg:2: error: [buildout] extends: not a regular file: D/sub (a folder, a device"
                + " or a pipe); expected a configuration file");
  }
}
