package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code software.cfg}, what a software release extends, read by the real zc.buildout, and the
 * jinja2 context it declares for {@code instance-monitor.cfg.jinja2} checked against the template
 * with the real Jinja2 (StrictUndefined): every variable the template uses is declared, and every
 * declared variable is used.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class SoftwareProfileTest {
  @TempDir Path work;

  @Test
  void software_cfg_is_read_by_zc_buildout_and_declares_the_monitor_template() throws Exception {
    Map<String, Map<String, String>> raw = SlaposOracle.raw(SlaposOracle.softwareProfile(), work);

    Map<String, String> template = raw.get("monitor2-template");
    assertThat(template).containsEntry("recipe", "slapos.recipe.template:jinja2");
    assertThat(template.get("url")).endsWith("/instance-monitor.cfg.jinja2");
    assertThat(raw.get("buildout").get("parts")).contains("monitor2-template");
    assertThat(declaredContext(raw).keySet()).containsExactlyInAnyOrder("java_executable", "slapmon_jar");
  }

  @Test
  void the_template_renders_with_exactly_the_declared_context() throws Exception {
    Map<String, String> context = new LinkedHashMap<>();
    declaredContext(SlaposOracle.raw(SlaposOracle.softwareProfile(), work))
        .keySet()
        .forEach(name -> context.put(name, "/value/of/" + name));

    String rendered = SlaposOracle.jinja2(SlaposOracle.template(), context, work);

    assertThat(rendered)
        .contains("java = /value/of/java_executable")
        .contains("jar = /value/of/slapmon_jar")
        .doesNotContain("{{ java_executable");
    for (String name : context.keySet()) {
      Map<String, String> lacking = new LinkedHashMap<>(context);
      lacking.remove(name);
      assertThatThrownBy(() -> SlaposOracle.jinja2(SlaposOracle.template(), lacking, work))
          .as("rendering without %s", name)
          .isInstanceOf(SlaposOracle.Refused.class)
          .hasMessageContaining("UndefinedError")
          .hasMessageContaining(name);
    }
  }

  @Test
  void a_release_extending_it_renders_the_monitor_template_with_the_java_runtime_and_the_jar()
      throws Exception {
    SlaposOracle.Resolution release = ReleaseFixture.build(work.resolve("release"));

    Map<String, String> monitorTemplate = release.section("monitor2-template");
    assertThat(monitorTemplate.get("output")).isEqualTo(work.resolve("release/template-monitor.cfg").toString());
    assertThat(monitorTemplate.get("rendered")).isEqualTo(monitorTemplate.get("output"));
    assertThat(release.section("template"))
        .containsEntry("template-monitor", monitorTemplate.get("output"))
        .containsEntry("template-monitor-rendered", monitorTemplate.get("output"));
    assertThat(release.section("slapmon-java"))
        .containsEntry("executable", ReleaseFixture.JDK_LOCATION + "/bin/java");
    assertThat(release.section("slapmon-jar"))
        .containsEntry(
            "jar", SlaposOracle.repository().resolve("monitor-runtime/target/slapmon.jar").toString());
    assertThat(release.rendered().get("monitor2-template"))
        .contains("java = " + ReleaseFixture.JDK_LOCATION + "/bin/java\n")
        .contains("jar = " + SlaposOracle.repository().resolve("monitor-runtime/target/slapmon.jar") + "\n");
  }

  /** The {@code context} lines of {@code [monitor2-template]}: variable name to declaration. */
  private static Map<String, String> declaredContext(Map<String, Map<String, String>> raw) {
    Map<String, String> declared = new LinkedHashMap<>();
    for (String line : raw.get("monitor2-template").get("context").split("\n")) {
      String[] words = line.strip().split("\\s+", 3);
      if (words.length == 3) {
        declared.put(words[1], words[0] + " " + words[2]);
      } else if (!line.isBlank()) {
        throw new AssertionError("context line '" + line + "': expected TYPE NAME EXPRESSION");
      }
    }
    return declared;
  }
}
