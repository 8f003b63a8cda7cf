package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code software.cfg}, what a software release extends instead of {@code
 * stack/monitor/buildout.cfg}, read by the real zc.buildout inside a (stand-in) SlapOS tree, and
 * the jinja2 context it declares for {@code instance-monitor.cfg.jinja2} checked against the
 * template with the real Jinja2 (StrictUndefined): every variable the template needs is declared,
 * and every declared variable is used.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class SoftwareProfileTest {
  @TempDir Path work;

  /** Optional in the template: without it, no cron and logrotate bases. */
  private static final String LOGROTATE_BASE = "template_logrotate_base";

  @Test
  void software_cfg_is_read_by_zc_buildout_and_declares_the_monitor_template() throws Exception {
    ReleaseFixture.write(work);
    Map<String, Map<String, String>> raw =
        SlaposOracle.raw(ReleaseFixture.slapmonSoftware(work), work);

    Map<String, String> template = raw.get("monitor2-template");
    assertThat(template).containsEntry("recipe", "slapos.recipe.template:jinja2");
    assertThat(template.get("url")).endsWith("/instance-monitor.cfg.jinja2");
    assertThat(raw.get("buildout").get("parts").split("\\s+"))
        .containsExactly(
            "slapos-cookbook", "monitor-eggs", "monitor2-template", "slapmon-class-data");
    // The archive the wrappers name, made with their very java and jar.
    assertThat(raw.get("slapmon-class-data"))
        .containsEntry("recipe", "plone.recipe.command")
        .containsEntry(
            "command", "'${slapmon-java:executable}' -jar '${slapmon-jar:jar}' class-data");
    assertThat(declaredContext(raw))
        .containsOnly(
            Map.entry("java_executable", "key slapmon-java:executable"),
            Map.entry("slapmon_jar", "key slapmon-jar:jar"),
            Map.entry("openssl_location", "key openssl:location"),
            Map.entry(LOGROTATE_BASE, "key template-logrotate-base:output"));
    assertThat(raw.get("slapmon-java")).containsEntry("location", "${java-re-temurin-21:location}");
    assertThat(raw.get("monitor-eggs"))
        .containsEntry("recipe", "zc.recipe.egg")
        .containsEntry("interpreter", "monitor-pythonwitheggs");
    assertThat(raw.get("monitor-eggs").get("eggs")).contains("${slapos-toolbox:eggs}");
  }

  /** The Temurin 21 runtime that slapmon takes is in SlapOS's own component/java. */
  @Test
  void the_java_runtime_is_the_temurin_21_of_the_slapos_tree() throws Exception {
    Path tree = SlaposTree.find();
    Assumptions.assumeTrue(tree != null, "no SlapOS tree above the repository");

    String component = Files.readString(tree.resolve("component/java/buildout.cfg"));

    assertThat(component).contains("[java-re-temurin-21]").contains("temurin21-binaries");
  }

  @Test
  void the_template_renders_with_exactly_the_declared_context() throws Exception {
    Map<String, String> context = new LinkedHashMap<>();
    ReleaseFixture.write(work);
    declaredContext(SlaposOracle.raw(ReleaseFixture.slapmonSoftware(work), work))
        .keySet()
        .forEach(name -> context.put(name, "/value/of/" + name));

    String rendered = SlaposOracle.jinja2(SlaposOracle.template(), context, work);

    assertThat(rendered)
        .contains("java = /value/of/java_executable")
        .contains("jar = /value/of/slapmon_jar")
        .contains("openssl-library-folder = /value/of/openssl_location/lib")
        .contains("-Dorg.wildfly.openssl.path='${slapmon:openssl-library-folder}' -jar")
        .contains("extends = /value/of/" + LOGROTATE_BASE + "\n")
        .doesNotContain("{{ java_executable");
    for (String name : context.keySet()) {
      if (name.equals(LOGROTATE_BASE)) {
        continue;
      }
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
    assertThat(monitorTemplate.get("output"))
        .isEqualTo(work.resolve("release/software/mysr/template-monitor.cfg").toString());
    assertThat(monitorTemplate.get("rendered")).isEqualTo(monitorTemplate.get("output"));
    assertThat(release.section("template"))
        .containsEntry("template-monitor", monitorTemplate.get("output"))
        .containsEntry("template-monitor-rendered", monitorTemplate.get("output"))
        .containsEntry("template-monitor-old-name", monitorTemplate.get("output"));
    assertThat(release.section("template-monitor-httpd-wrapper").get("target"))
        .isEqualTo(work.resolve("release/stack/slapmon/template-monitor-httpd-wrapper.sh.in").toString());
    assertThat(release.section("slapmon-java"))
        .containsEntry("executable", ReleaseFixture.JDK_LOCATION + "/bin/java");
    assertThat(release.section("slapmon-jar"))
        .containsEntry(
            "jar", SlaposOracle.repository().resolve("monitor-runtime/target/slapmon.jar").toString());
    assertThat(release.rendered().get("monitor2-template"))
        .contains("java = " + ReleaseFixture.JDK_LOCATION + "/bin/java\n")
        .contains("jar = " + SlaposOracle.repository().resolve("monitor-runtime/target/slapmon.jar") + "\n")
        .contains("extends = " + work.resolve("release/instance-logrotate-base.cfg") + "\n");
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
