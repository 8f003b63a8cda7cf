package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import slapmon.config.Diagnostic;
import slapmon.config.Location;
import slapmon.config.Value;

/**
 * {@code parameter-list} lines: split on runs of white space, and every bad line reported at the
 * option's line with the offending parameter line quoted.
 */
final class ParameterLinesTest {
  private static final Location AT = new Location(Path.of("monitor.conf"), 19);

  private final List<String> diagnostics = new ArrayList<>();

  /** The lines of a {@code parameter-list} whose value is {@code text}, written at line 19. */
  private List<ParameterLine> parse(String text) {
    Diagnostics found = new Diagnostics();
    SectionSource source =
        SectionSource.of(
            Location.builtIn("test"),
            Map.of("monitor", Map.of("parameter-list", new Value(text, AT))));
    List<ParameterLine> lines =
        ParameterLines.read(SectionReader.open(source, "monitor", found), "parameter-list")
            .orElseThrow();
    found.list().stream().map(Diagnostic::toString).forEach(diagnostics::add);
    return lines;
  }

  private static String error(String message) {
    return "monitor.conf:19: error: [monitor] parameter-list: " + message;
  }

  @Test
  void the_four_types_parse_in_order() {
    List<ParameterLine> lines =
        parse(
            "raw monitor-user admin\n"
                + "htpasswd monitor-password /b/.monitor_pwd admin /b/monitor-htpasswd\n"
                + "file sample /b/param\n"
                + "httpdcors cors-domain /b/test-httpd-cors.cfg /bin/echo");

    assertThat(diagnostics).isEmpty();
    assertThat(lines)
        .containsExactly(
            new ParameterLine.Raw("monitor-user", "admin"),
            new ParameterLine.HtpasswdParameter(
                "monitor-password",
                Path.of("/b/.monitor_pwd"),
                "admin",
                Path.of("/b/monitor-htpasswd")),
            new ParameterLine.FileParameter("sample", Path.of("/b/param")),
            new ParameterLine.HttpdCorsParameter(
                "cors-domain", Path.of("/b/test-httpd-cors.cfg"), Path.of("/bin/echo")));
  }

  @Test
  void double_spaces_and_tabs_never_make_empty_tokens_d4_28() {
    List<ParameterLine> lines =
        parse("file  sample   /b/param\nfile\tother\t\t/b/other  \n   raw  title  a   b\t c  ");

    assertThat(diagnostics).isEmpty();
    assertThat(lines)
        .containsExactly(
            new ParameterLine.FileParameter("sample", Path.of("/b/param")),
            new ParameterLine.FileParameter("other", Path.of("/b/other")),
            new ParameterLine.Raw("title", "a b c"));
  }

  @Test
  void blank_lines_are_dropped_and_an_empty_value_is_an_empty_list() {
    assertThat(parse("\n  \nraw a b\n\n")).containsExactly(new ParameterLine.Raw("a", "b"));
    assertThat(parse("")).isEmpty();
    assertThat(diagnostics).isEmpty();
  }

  @Test
  void unknown_type_is_reported() {
    assertThat(parse("files sample /b/param\nraw a b"))
        .containsExactly(new ParameterLine.Raw("a", "b"));
    assertThat(diagnostics)
        .containsExactly(
            error(
                "in 'files sample /b/param': unknown parameter type 'files';"
                    + " expected raw, file, htpasswd or httpdcors"));
  }

  @Test
  void wrong_arity_says_how_many_tokens_were_expected_and_found() {
    parse(
        "raw monitor-user\n"
            + "file sample\n"
            + "file sample /b/param extra\n"
            + "htpasswd monitor-password /b/.monitor_pwd admin\n"
            + "httpdcors cors-domain /b/cors.cfg\n");

    assertThat(diagnostics)
        .containsExactly(
            error(
                "in 'raw monitor-user': expected at least 3 tokens (raw TITLE VALUE...), found 2"),
            error("in 'file sample': expected 3 tokens (file KEY PATH), found 2"),
            error("in 'file sample /b/param extra': expected 3 tokens (file KEY PATH), found 4"),
            error(
                "in 'htpasswd monitor-password /b/.monitor_pwd admin': expected 5 tokens"
                    + " (htpasswd KEY PASSWORD_FILE USER HTPASSWD_FILE), found 4"),
            error(
                "in 'httpdcors cors-domain /b/cors.cfg': expected 4 tokens"
                    + " (httpdcors KEY CORS_FILE GRACEFUL_COMMAND), found 3"));
  }

  @Test
  void relative_paths_are_reported_each() {
    parse(
        "file sample b/param\n"
            + "htpasswd monitor-password .monitor_pwd admin monitor-htpasswd\n"
            + "httpdcors cors-domain /b/cors.cfg echo\n");

    assertThat(diagnostics)
        .containsExactly(
            error("in 'file sample b/param': expected an absolute path as PATH, got 'b/param'"),
            error(
                "in 'htpasswd monitor-password .monitor_pwd admin monitor-htpasswd':"
                    + " expected an absolute path as PASSWORD_FILE, got '.monitor_pwd'"),
            error(
                "in 'htpasswd monitor-password .monitor_pwd admin monitor-htpasswd':"
                    + " expected an absolute path as HTPASSWD_FILE, got 'monitor-htpasswd'"),
            error(
                "in 'httpdcors cors-domain /b/cors.cfg echo':"
                    + " expected an absolute path as GRACEFUL_COMMAND, got 'echo'"));
  }

  @Test
  void htpasswd_user_has_no_colon() {
    parse("htpasswd monitor-password /b/pwd ad:min /b/htpasswd");

    assertThat(diagnostics)
        .containsExactly(
            error(
                "in 'htpasswd monitor-password /b/pwd ad:min /b/htpasswd':"
                    + " expected a user name without white space or ':' as USER, got 'ad:min'"));
  }

  @Test
  void duplicate_keys_are_reported_and_the_first_is_kept() {
    List<ParameterLine> lines =
        parse(
            "file sample /b/one\n"
                + "raw sample shown\n"
                + "httpdcors sample /b/cors.cfg /bin/true\n");

    assertThat(lines)
        .containsExactly(
            new ParameterLine.FileParameter("sample", Path.of("/b/one")),
            new ParameterLine.Raw("sample", "shown"));
    assertThat(diagnostics)
        .containsExactly(
            error(
                "in 'httpdcors sample /b/cors.cfg /bin/true': key 'sample' is already defined by"
                    + " 'file sample /b/one'; expected each key once"));
  }

  @Test
  void line_writes_the_canonical_form_back() {
    assertThat(parse("htpasswd  k  /p  u  /h\nraw t  a  b").stream().map(ParameterLine::line))
        .containsExactly("htpasswd k /p u /h", "raw t a b");
    assertThat(new ParameterLine.HttpdCorsParameter("c", Path.of("/f"), Path.of("/g")).title())
        .isEqualTo("c");
  }

  @Test
  void records_refuse_what_the_parser_would_report() {
    assertThatThrownBy(() -> new ParameterLine.FileParameter("k", Path.of("rel")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParameterLine.FileParameter("two words", Path.of("/p")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ParameterLine.HtpasswdParameter("k", Path.of("/p"), "a:b", Path.of("/h")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ParameterLine.Raw("t", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
