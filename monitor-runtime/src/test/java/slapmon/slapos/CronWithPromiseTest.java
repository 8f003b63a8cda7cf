package slapmon.slapos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <= macro.cron-with-promise}, as software releases use it (stack/wendelin's mariadb
 * backups, rapid-cdn's instance node), in slapmon's template rendered by a release's build with
 * the real logrotate base of the SlapOS tree ({@code stack/logrotate}), resolved by the real
 * zc.buildout (its {@code init} run for real): the sections it adds carry the original's names and
 * options, and the wrapper and promise scripts they render, run by {@code /bin/sh}, record a
 * failed run and report it until a run succeeds.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class CronWithPromiseTest {
  @TempDir Path work;

  /** An SR job as stack/wendelin writes its backups, and a section that reads what the macro made. */
  private static final String JOB =
      """
      [backup-cron]
      <= macro.cron-with-promise
      cron-entries = ${cron:cron-entries}
      name = backup
      frequency = 0 3 * * *
      command = /bin/sh ${buildout:directory}/job.sh

      # Sorts after [backup-cron]: resolved once its init has added the sections.
      [what-backup-cron-made]
      cron-recipe = ${backup-cron-cron:recipe}
      cron-entries = ${backup-cron-cron:cron-entries}
      cron-name = ${backup-cron-cron:name}
      cron-frequency = ${backup-cron-cron:frequency}
      cron-command = ${backup-cron-cron:command}
      wrapper = ${backup-cron-command-wrapper:output}
      promise-script = ${backup-cron-promise-script:output}
      initial-error-file = ${backup-cron-initial-errormessage-file:output}
      initial-error-file-once = ${backup-cron-initial-errormessage-file:once}
      promise-recipe = ${backup-cron-promise:recipe}
      promise-name = ${backup-cron-promise:name}
      promise-module = ${backup-cron-promise:module}
      promise-output = ${backup-cron-promise:output}
      promise-command = ${backup-cron-promise:config-command}
      promise-bang-on-failure = ${backup-cron-promise:config-bang-on-failure}
      error-file = ${backup-cron:macro-error-file}

      # The oracle resolves every section, bases included; this base names no file of its own.
      [logrotate-entry-base]
      name = base-only
      log =
      """;

  @Test
  void the_macro_adds_the_original_s_sections_and_its_scripts_record_and_report_a_failed_run()
      throws Exception {
    Path tree = SlaposTree.find();
    Assumptions.assumeTrue(tree != null, "no " + SlaposTree.RELATIVE + " above " + SlaposOracle.repository());
    Path release = work.resolve("release");
    String template = ReleaseFixture.templateMonitor(release);
    writeLogrotateBase(tree, release);
    Path partition = work.resolve("partition");
    Path profile = InstanceProfile.write(partition, template, JOB);

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), partition);

    String bin = partition.resolve("bin").toString();
    Path errorFile = partition.resolve("srv/backup-errormessage-file");
    Map<String, String> made = resolution.section("what-backup-cron-made");
    assertThat(made)
        .containsEntry("cron-recipe", "slapos.cookbook:cron.d")
        .containsEntry("cron-entries", partition.resolve("etc/cron.d").toString())
        .containsEntry("cron-name", "backup")
        .containsEntry("cron-frequency", "0 3 * * *")
        .containsEntry("wrapper", bin + "/backup-cron-command-wrapper")
        .containsEntry("cron-command", bin + "/backup-cron-command-wrapper")
        .containsEntry("promise-script", bin + "/backup-cron-promise-script")
        .containsEntry("error-file", errorFile.toString())
        .containsEntry("initial-error-file", errorFile.toString())
        .containsEntry("initial-error-file-once", errorFile.toString())
        .containsEntry("promise-recipe", "slapos.cookbook:promise.plugin")
        .containsEntry("promise-name", "check-backup-cron.py")
        .containsEntry("promise-module", "slapos.promise.plugin.check_command_execute")
        .containsEntry("promise-output", partition.resolve("etc/plugin/check-backup-cron.py").toString())
        .containsEntry("promise-command", bin + "/backup-cron-promise-script")
        .containsEntry("promise-bang-on-failure", "false");
    assertThat(resolution.rendered().get("backup-cron-initial-errormessage-file")).isEmpty();

    Path wrapper = install(resolution, "backup-cron-command-wrapper", Path.of(made.get("wrapper")));
    Path check = install(resolution, "backup-cron-promise-script", Path.of(made.get("promise-script")));
    Files.createDirectories(errorFile.getParent());
    Files.writeString(errorFile, "");
    Files.writeString(
        partition.resolve("job.sh"),
        "echo \"backup run $(cat " + partition.resolve("outcome") + ")\"\n"
            + "exit \"$(cat " + partition.resolve("outcome") + ")\"\n");

    assertThat(sh(check)).as("the promise before any run").isZero();
    Files.writeString(partition.resolve("outcome"), "3");
    assertThat(sh(wrapper)).as("a failed run's status").isEqualTo(3);
    assertThat(Files.readString(errorFile)).contains("backup run 3").contains("ERROR 3");
    assertThat(sh(check)).as("the promise after a failed run").isEqualTo(1);
    Files.writeString(partition.resolve("outcome"), "0");
    assertThat(sh(wrapper)).as("a successful run's status").isZero();
    assertThat(Files.readString(errorFile)).isEmpty();
    assertThat(sh(check)).as("the promise after a successful run").isZero();
  }

  @Test
  void monitor_base_installs_the_logrotate_cron_entry_that_the_sr_s_parts_would_leave_out()
      throws Exception {
    Path tree = SlaposTree.find();
    Assumptions.assumeTrue(tree != null, "no " + SlaposTree.RELATIVE + " above " + SlaposOracle.repository());
    Path release = work.resolve("release");
    String template = ReleaseFixture.templateMonitor(release);
    writeLogrotateBase(tree, release);
    Path partition = work.resolve("partition");
    Path profile =
        InstanceProfile.write(
            partition,
            template,
            """
            # The oracle resolves every section, bases included; this base names no file of its own.
            [logrotate-entry-base]
            name = base-only
            log =
            """);

    SlaposOracle.Resolution resolution = SlaposOracle.resolve(profile, Map.of(), partition);

    // A section a part refers to is installed: the SR's parts name monitor-base, whose depends
    // names the logrotate job's cron entry and the rotation of crond's own log.
    assertThat(resolution.section("monitor-base").get("depends").lines().map(String::strip))
        .contains("logrotate", "crond");
    assertThat(resolution.section("cron-entry-logrotate"))
        .containsEntry("recipe", "slapos.cookbook:cron.d")
        .containsEntry("frequency", "0 0 * * *")
        .containsEntry("command", partition.resolve("bin/logrotate").toString());
  }

  /** stack/logrotate's instance-logrotate-base.cfg.in rendered where the release's build put it. */
  private void writeLogrotateBase(Path tree, Path release) throws Exception {
    String base =
        SlaposOracle.jinja2(
            tree.resolve("stack/logrotate/instance-logrotate-base.cfg.in"),
            Map.of(
                "dcron_location", "/opt/slapgrid/SR/parts/dcron",
                "xz_location", "/opt/slapgrid/SR/parts/xz-utils",
                "logrotate_location", "/opt/slapgrid/SR/parts/logrotate",
                "logrotate_conf_template",
                tree.resolve("stack/logrotate/logrotate.conf.in").toString(),
                "logrotate_entry_template",
                tree.resolve("stack/logrotate/logrotate_entry.in").toString()),
            work);
    Files.writeString(
        release.resolve("instance-logrotate-base.cfg"), base, StandardCharsets.UTF_8);
  }

  /** The text the jinja2 part {@code section} renders, written at {@code path}. */
  private static Path install(SlaposOracle.Resolution resolution, String section, Path path)
      throws Exception {
    String text = resolution.rendered().get(section);
    assertThat(text).as("what [%s] renders", section).isNotNull();
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardCharsets.UTF_8);
    return path;
  }

  private int sh(Path script) throws Exception {
    Process process =
        new ProcessBuilder("/bin/sh", script.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("sh.out").toFile())
            .start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(script + " did not finish");
    }
    return process.exitValue();
  }
}
