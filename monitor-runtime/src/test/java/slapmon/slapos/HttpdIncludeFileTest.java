package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.Diagnostic;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.Bound;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.Settings;

/**
 * {@code [monitor-httpd-conf-parameter] httpd-include-file}, set as simpleran sets it (an Apache
 * {@code Alias} of a gadget folder, included by the original monitor's httpd), through the real
 * zc.buildout and the hand-over file to slapmon's reader: accepted (the release deploys), kept in
 * the settings, and reported by a warning saying it is not served, since slapmon runs no Apache.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class HttpdIncludeFileTest {
  @TempDir Path work;

  @Test
  void an_sr_s_httpd_include_file_is_accepted_and_reported_as_not_served() throws Exception {
    String template = ReleaseFixture.templateMonitor(work.resolve("release"));
    Path partition = work.resolve("partition");
    Path include = partition.resolve("etc/httpd-include-file.conf");
    Path profile =
        InstanceProfile.write(
            partition,
            template,
            """
            [monitor-httpd-conf-parameter]
            httpd-include-file = ${buildout:directory}/etc/httpd-include-file.conf
            """);

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);
    Bound<MonitorSettings> bound =
        Settings.bindInstance(
            Settings.sourceOf(IniDocument.read(InstanceProfile.handOver(resolution))));

    assertThat(resolution.section("monitor-httpd-conf-parameter"))
        .containsEntry("httpd-include-file", include.toString());
    assertThat(bound.value().httpd().includeFile()).contains(include);
    assertThat(bound.warnings())
        .filteredOn(warning -> "httpd-include-file".equals(warning.key()))
        .singleElement()
        .extracting(Diagnostic::message)
        .asString()
        .contains("slapmon runs no Apache")
        .contains(include.toString());
  }

  @Test
  void without_it_there_is_no_warning() throws Exception {
    String template = ReleaseFixture.templateMonitor(work.resolve("release"));
    Path profile = InstanceProfile.write(work.resolve("partition"), template, "");

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), work);
    Bound<MonitorSettings> bound =
        Settings.bindInstance(
            Settings.sourceOf(IniDocument.read(InstanceProfile.handOver(resolution))));

    assertThat(bound.value().httpd().includeFile()).isEmpty();
    assertThat(bound.warnings()).noneMatch(warning -> "httpd-include-file".equals(warning.key()));
  }
}
