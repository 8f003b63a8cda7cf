package slapmon.runtime.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.ini.IniDocument;
import slapmon.config.layout.PartitionLayout;
import slapmon.config.settings.MonitorConf;
import slapmon.config.settings.MonitorDirectoryParameters;
import slapmon.config.settings.Settings;

/**
 * The layout the render lays out is the one the runtime reads back from the {@code monitor.conf}
 * it wrote: one value on both sides, whichever side derives it.
 */
final class RenderedLayoutTest {
  @TempDir Path dir;

  @Test
  void the_runtime_reads_back_the_layout_the_render_laid_out() throws Exception {
    DemoPartition.Made made = DemoPartition.create(dir, 8196, new SecureRandom());
    MonitorConf conf = Settings.fromMonitorConf(IniDocument.read(made.conf())).value();

    PartitionLayout read = PartitionLayout.of(conf, made.conf());
    PartitionLayout rendered =
        PartitionLayout.rendered(dir, MonitorDirectoryParameters.under(dir), read.collectorDb());

    assertThat(read).isEqualTo(rendered);
    assertThat(read.collectorDb()).isPresent();
    assertThat(made.conf()).isEqualTo(rendered.monitorConf());
    assertThat(Files.readString(rendered.promiseTimeoutFile().orElseThrow())).isEqualTo("5\n");
    assertThat(made.certificate()).isRegularFile();
    assertThat(rendered.promiseFolder().orElseThrow().resolve("check-ok")).isExecutable();
  }
}
