package slapmon.config.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import slapmon.config.ini.IniDocument;
import slapmon.config.settings.MonitorConf;
import slapmon.config.settings.MonitorDirectoryParameters;
import slapmon.config.settings.Settings;

/**
 * The partition's layout derived from a seed-era {@code monitor.conf}, from today's (with {@code
 * [promises]}), with folders moved by the profile, and as the render lays it out.
 */
final class PartitionLayoutTest {
  private static final Path P = Path.of("/srv/slapgrid/slappart7");

  private static final String MONITOR =
      "[monitor]\n"
          + "title = Webrunner-0\n"
          + "root-title = My Webrunner\n"
          + "public-folder = /p/srv/monitor/public\n"
          + "private-folder = /p/srv/monitor/private\n"
          + "webdav-folder = /p/srv/monitor/webdav\n"
          + "base-url = https://softinst1234.host.vifib.net\n"
          + "service-pid-folder = /p/var/run/monitor\n"
          + "pid-file = /p/var/run/monitor/monitor-bootstrap.pid\n"
          + "promise-output-file = /p/srv/monitor/monitor-bootstrap-status\n"
          + "public-path-list =\n"
          + "private-path-list = /p/var/log\n"
          + "monitor-url-list =\n"
          + "parameter-file-path = /p/etc/monitor_knowledge0.cfg\n"
          + "parameter-list = raw monitor-user admin\n";

  private static final String PROMISES =
      "[promises]\n"
          + "output-folder = /p/srv/monitor/public\n"
          + "history-folder = /p/srv/monitor/public\n"
          + "promise-folder = /p/etc/plugin\n"
          + "legacy-promise-folder = /p/etc/promise\n"
          + "partition-folder = /p\n";

  @Test
  void seed_era_conf_gives_its_promise_paths_and_the_partition_above_etc() throws Exception {
    Path file = resource("monitor.conf");
    MonitorConf conf = Settings.fromMonitorConf(IniDocument.read(file)).value();
    // The file is read where it is; the layout says the partition is the parent of its folder.
    Path etc = file.toAbsolutePath().normalize().getParent();

    PartitionLayout layout = PartitionLayout.of(conf, file);

    assertThat(layout.today()).isFalse();
    assertThat(layout.etc()).isEqualTo(etc);
    assertThat(layout.partition()).isEqualTo(etc.getParent());
    assertThat(layout.publicFolder()).isEqualTo(P.resolve("srv/monitor/public"));
    assertThat(layout.privateFolder()).isEqualTo(P.resolve("srv/monitor/private"));
    assertThat(layout.webdavFolder()).isEqualTo(P.resolve("srv/monitor/webdav"));
    assertThat(layout.pidFile()).isEqualTo(P.resolve("var/run/monitor/monitor-bootstrap.pid"));
    assertThat(layout.promiseOutputFile())
        .isEqualTo(P.resolve("srv/monitor/monitor-bootstrap-status"));
    assertThat(layout.promiseFolders())
        .containsExactly(P.resolve("etc/promise"), P.resolve("etc/monitor-promise"));
    assertThat(layout.reportFolder()).contains(P.resolve("etc/monitor-report"));
    assertThat(layout.promiseTimeoutFile()).contains(P.resolve("etc/promise_timeout"));
    assertThat(layout.collectorDb()).contains(Path.of("/srv/slapgrid/var/data-log/collector.db"));
    assertThat(layout.pluginFolder()).isEmpty();
    Path privateFolder = P.resolve("srv/monitor/private");
    assertThat(layout.configDocuments()).isEqualTo(privateFolder.resolve("config/.jio_documents"));
    assertThat(layout.dataDocuments()).isEqualTo(privateFolder.resolve("data/.jio_documents"));
    assertThat(layout.documents()).isEqualTo(privateFolder.resolve("documents"));
    assertThat(layout.configJson())
        .isEqualTo(privateFolder.resolve("config/.jio_documents/config.json"));
    assertThat(layout.configParametersJson())
        .isEqualTo(privateFolder.resolve("config/.jio_documents/config.parameters.json"));
    assertThat(layout.configUpload())
        .isEqualTo(privateFolder.resolve("config/.jio_documents/config.tmp.json"));
    assertThat(layout.configResult())
        .isEqualTo(privateFolder.resolve("config/.jio_documents/config.result.json"));
    Path webdav = P.resolve("srv/monitor/webdav");
    assertThat(layout.webdavPublic()).isEqualTo(webdav.resolve("public"));
    assertThat(layout.webdavPrivate()).isEqualTo(webdav.resolve("private"));
    assertThat(layout.jioPublicDocuments()).isEqualTo(webdav.resolve("jio_public/.jio_documents"));
    assertThat(layout.jioPrivateDocuments())
        .isEqualTo(webdav.resolve("jio_private/.jio_documents"));
    assertThat(layout.jioPrivateData()).isEqualTo(webdav.resolve("jio_private/data"));
    assertThat(layout.jioPrivateConfig()).isEqualTo(webdav.resolve("jio_private/config"));
    assertThat(layout.writtenFolders())
        .containsExactly(
            P.resolve("srv/monitor/public"),
            privateFolder,
            privateFolder.resolve("config/.jio_documents"),
            privateFolder.resolve("data/.jio_documents"),
            privateFolder.resolve("documents"),
            P.resolve("srv/monitor"));
  }

  @Test
  void todays_conf_has_plugins_and_slapgrid_folders_under_its_partition_folder()
      throws Exception {
    MonitorConf conf = conf(MONITOR + PROMISES);
    Path p = Path.of("/p");

    // [promises] partition-folder wins over the folder the file is read from.
    PartitionLayout layout = PartitionLayout.of(conf, Path.of("/elsewhere/etc/monitor.conf"));

    assertThat(layout.today()).isTrue();
    assertThat(layout.partition()).isEqualTo(p);
    assertThat(layout.etc()).isEqualTo(Path.of("/elsewhere/etc"));
    assertThat(layout.pluginFolder()).contains(p.resolve("etc/plugin"));
    assertThat(layout.legacyPromiseFolder()).contains(p.resolve("etc/promise"));
    assertThat(layout.promiseFolders()).containsExactly(p.resolve("etc/promise"));
    assertThat(layout.promiseTimeoutFile()).isEmpty();
    assertThat(layout.slapgridResults()).isEqualTo(p.resolve(".slapgrid/promise/result"));
    assertThat(layout.slapgrid().cache()).isEqualTo(p.resolve(".slapgrid/promise/cache"));
    assertThat(layout.slapgrid().logs()).isEqualTo(p.resolve(".slapgrid/promise/log"));
    assertThat(layout.publishedSlapgridResults())
        .isEqualTo(p.resolve("srv/monitor/public/promise"));
  }

  @Test
  void promise_folders_named_twice_are_listed_once() throws Exception {
    MonitorConf conf =
        conf(MONITOR + "promise-folder = /p/etc/promise\n" + PROMISES);

    PartitionLayout layout = PartitionLayout.of(conf, Path.of("/p/etc/monitor.conf"));

    assertThat(layout.promiseFolders()).containsExactly(Path.of("/p/etc/promise"));
  }

  @Test
  void folders_the_conf_moves_move_every_path_derived_from_them() throws Exception {
    String moved =
        MONITOR
            .replace("/p/srv/monitor/private", "/data/secret")
            .replace("/p/srv/monitor/webdav", "/data/dav")
            .replace("/p/srv/monitor/public", "/data/open");

    PartitionLayout layout =
        PartitionLayout.of(conf(moved + PROMISES), Path.of("/p/etc/monitor.conf"));

    assertThat(layout.partition()).isEqualTo(Path.of("/p"));
    assertThat(layout.dataDocuments()).isEqualTo(Path.of("/data/secret/data/.jio_documents"));
    assertThat(layout.configResult())
        .isEqualTo(Path.of("/data/secret/config/.jio_documents/config.result.json"));
    // The WebDAV links keep the original's names, whatever the folders' names.
    assertThat(layout.webdavPublic()).isEqualTo(Path.of("/data/dav/public"));
    assertThat(layout.webdavPrivate()).isEqualTo(Path.of("/data/dav/private"));
    assertThat(layout.publishedSlapgridResults()).isEqualTo(Path.of("/data/open/promise"));
  }

  @Test
  void the_render_lays_out_what_its_monitor_conf_then_describes() {
    Path partition = Path.of("/srv/slapgrid/slappart9");
    MonitorDirectoryParameters directories = MonitorDirectoryParameters.under(partition);

    PartitionLayout layout =
        PartitionLayout.rendered(partition, directories, Optional.of(Path.of("/var/c.db")));

    assertThat(layout.today()).isTrue();
    assertThat(layout.etc()).isEqualTo(partition.resolve("etc"));
    assertThat(layout.monitorConf()).isEqualTo(partition.resolve("etc/monitor.conf"));
    assertThat(layout.instanceInfo()).isEqualTo(partition.resolve("etc/instance-info.conf"));
    assertThat(layout.passwordFile()).isEqualTo(partition.resolve("etc/.monitor_pwd"));
    assertThat(layout.publishFile()).isEqualTo(partition.resolve("etc/monitor-publish.json"));
    assertThat(layout.promiseTimeoutFile()).contains(partition.resolve("etc/promise_timeout"));
    assertThat(layout.promiseFolder()).contains(partition.resolve("etc/promise"));
    assertThat(layout.legacyPromiseFolder()).contains(partition.resolve("etc/promise"));
    assertThat(layout.pluginFolder()).contains(partition.resolve("etc/plugin"));
    assertThat(layout.monitorPromiseFolder()).contains(partition.resolve("etc/monitor-promise"));
    assertThat(layout.reportFolder()).contains(partition.resolve("etc/monitor-report"));
    assertThat(layout.pidFile())
        .isEqualTo(partition.resolve("var/run/monitor/monitor-bootstrap.pid"));
    assertThat(layout.promiseOutputFile())
        .isEqualTo(partition.resolve("srv/monitor/monitor-bootstrap-status"));
    assertThat(layout.documents()).isEqualTo(partition.resolve("srv/monitor/private/documents"));
    assertThat(layout.collectorDb()).contains(Path.of("/var/c.db"));
  }

  @Test
  void a_relative_path_is_refused_with_its_name() {
    Path p = Path.of("/p");
    assertThatThrownBy(
            () ->
                new PartitionLayout(
                    p, p, p, Path.of("private"), p, p, p, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("privateFolder must be absolute, got 'private'");
  }

  private static MonitorConf conf(String text) throws Exception {
    return Settings.fromMonitorConf(IniDocument.parse(Path.of("monitor.conf"), text)).value();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PartitionLayoutTest.class.getResource("/settings/" + name).toURI());
  }
}
