package slapmon.runtime.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition laid out for plugin promises as today's instance profile lays it out ({@code
 * etc/plugin}, {@code etc/promise}, the monitor's public and private folders), with the {@code
 * etc/monitor.conf} that {@code slapmon promise run} and {@code slapmon run} read.
 */
final class PluginPartition {
  private PluginPartition() {}

  /**
   * Creates the folders under {@code dir} and writes its monitor.conf; {@code promisesOptions}
   * are lines added to its {@code [promises]} section. Returns the monitor.conf.
   */
  static Path create(Path dir, String title, String rootTitle, String... promisesOptions)
      throws IOException {
    Files.createDirectories(dir.resolve("etc/plugin"));
    Files.createDirectories(dir.resolve("etc/promise"));
    Files.createDirectories(dir.resolve("srv/monitor/public"));
    Files.createDirectories(dir.resolve("srv/monitor/private"));
    String p = dir.toString();
    List<String> lines =
        new ArrayList<>(
            List.of(
                "[monitor]",
                "title = " + title,
                "root-title = " + rootTitle,
                "base-url = https://[::1]:8196",
                "public-folder = " + p + "/srv/monitor/public",
                "private-folder = " + p + "/srv/monitor/private",
                "webdav-folder = " + p + "/srv/monitor/webdav",
                "service-pid-folder = " + p + "/var/run/monitor",
                "pid-file = " + p + "/var/run/monitor/monitor-bootstrap.pid",
                "promise-output-file = " + p + "/srv/monitor/monitor-bootstrap-status",
                "public-path-list =",
                "private-path-list =",
                "monitor-url-list =",
                "parameter-file-path = " + p + "/etc/monitor_knowledge0.cfg",
                "parameter-list =",
                "",
                "[promises]",
                "output-folder = " + p + "/srv/monitor/public/promise",
                "history-folder = " + p + "/srv/monitor/public",
                "promise-folder = " + p + "/etc/plugin",
                "legacy-promise-folder = " + p + "/etc/promise",
                "partition-folder = " + p,
                "partition-id = slappart7"));
    lines.addAll(List.of(promisesOptions));
    lines.add("");
    Path conf = dir.resolve("etc/monitor.conf");
    Files.writeString(conf, String.join("\n", lines), StandardCharsets.UTF_8);
    return conf;
  }
}
