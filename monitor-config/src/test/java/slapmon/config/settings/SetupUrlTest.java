package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code monitor-setup-url} is what today's original template computes in {@code
 * [expand-monitor-uri-template]}: {@code unquote(uritemplate.URITemplate(interface-url +
 * '{&url,username,password}').expand(values))}, with Debian's {@code python3-uritemplate} as the
 * oracle, for the 2017 {@code interface-url} and today's.
 */
final class SetupUrlTest {
  private static final String ORIGINAL =
      "import sys, uritemplate\n"
          + "from urllib.parse import unquote\n"
          + "lines = sys.stdin.read().split('\\n')\n"
          + "for i in range(0, len(lines) - 1, 4):\n"
          + "    template = uritemplate.URITemplate(lines[i] + '{&url,username,password}')\n"
          + "    values = dict(url=lines[i + 1], username=lines[i + 2], password=lines[i + 3])\n"
          + "    print(unquote(template.expand(values)))\n";

  private static final List<String> INTERFACE_URLS =
      List.of(
          "https://monitor.app.officejs.com",
          "https://monitor.app.officejs.com/#page=ojsm_landing",
          "https://example.com/app/#page=a%20b%C3%A9%zz%4");

  @Test
  void equals_the_original_for_both_eras_and_values_the_original_writes_unchanged()
      throws Exception {
    List<String> input = new ArrayList<>();
    List<String> slapmon = new ArrayList<>();
    for (String interfaceUrl : INTERFACE_URLS) {
      for (String[] values :
          List.of(
              new String[] {"https://[2001:db8::7]:8196/public/feeds", "admin", "bcuandjy"},
              new String[] {"https://softinst1.host.vifib.net/public/feeds", "", ""},
              new String[] {"https://h.example/public/feeds", "a.b~c-d_e", "AZaz09:/@[]"})) {
        input.add(interfaceUrl);
        input.addAll(List.of(values));
        slapmon.add(SetupUrl.build(interfaceUrl, values[0], values[1], values[2]));
      }
    }

    List<String> original = python(ORIGINAL, String.join("\n", input) + "\n");

    assertThat(slapmon).isEqualTo(original);
    assertThat(original)
        .contains(
            "https://monitor.app.officejs.com"
                + "&url=https://[2001:db8::7]:8196/public/feeds&username=admin&password=bcuandjy",
            "https://monitor.app.officejs.com/#page=ojsm_landing"
                + "&url=https://[2001:db8::7]:8196/public/feeds&username=admin&password=bcuandjy");
  }

  @Test
  void the_default_interface_url_is_todays_landing_page() {
    PublishParameters parameters =
        PublishParameters.derive(
            URI.create("https://[2001:db8::7]:8196"), "admin", new Password("bcuandjy"));

    assertThat(
            Publish.derive(InstanceParameters.DEFAULT_INTERFACE_URL, parameters).monitorSetupUrl())
        .isEqualTo(
            "https://monitor.app.officejs.com/#page=ojsm_landing"
                + "&url=https://[2001:db8::7]:8196/public/feeds&username=admin&password=bcuandjy");
  }

  /** Where slapmon deliberately differs (SPEC D.40): the original's raw value would cut the link. */
  @Test
  void a_value_that_would_cut_the_link_stays_percent_encoded() {
    assertThat(
            SetupUrl.build(
                "https://monitor.app.officejs.com/#page=ojsm_landing",
                "https://example.com/public/feeds",
                "admin",
                "a&password=b #%+é"))
        .endsWith("&username=admin&password=a%26password%3Db%20%23%25%2B%C3%A9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "%41%42", "a%20b%zz%4", "%C3%A9%C3", "%ff%e2%82", "%", "%%41"})
  void unquote_is_pythons(String text) throws Exception {
    String script =
        "import sys\nfrom urllib.parse import unquote\n"
            + "print(unquote(sys.stdin.read()), end='')\n";

    assertThat(SetupUrl.unquote(text)).isEqualTo(String.join("\n", python(script, text)));
  }

  private static List<String> python(String script, String stdin)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("%s (is python3-uritemplate installed?)", out)
        .isZero();
    return out.lines().toList();
  }
}
