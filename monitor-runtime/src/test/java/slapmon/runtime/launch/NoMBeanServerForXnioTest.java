package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start makes no MBean server for XNIO's MBeans; the platform's is made as before by whatever
 * asks for it.
 */
@Timeout(180)
final class NoMBeanServerForXnioTest {
  @TempDir Path dir;

  @Test
  void onlyTheThreadMakingXnioIsRefusedAnMBeanServerAndOnlyMeanwhile() throws Exception {
    NoMBeanServerForXnio.around(() -> {
      assertThat(System.getProperty(NoMBeanServerForXnio.BUILDER))
          .isEqualTo(NoMBeanServerForXnio.class.getName());
      assertThatThrownBy(MBeanServerFactory::newMBeanServer)
          .isInstanceOf(UnsupportedOperationException.class);
      // Another thread, meanwhile, gets its server.
      assertThat(CompletableFuture.supplyAsync(MBeanServerFactory::newMBeanServer).join())
          .isNotNull();
    });
    assertThat(System.getProperty(NoMBeanServerForXnio.BUILDER)).isNull();
    assertThat(MBeanServerFactory.newMBeanServer()).isNotNull();
    assertThat(ManagementFactory.getPlatformMBeanServer()
        .isRegistered(new ObjectName("java.lang:type=Runtime"))).isTrue();
  }

  @Test
  void aBuilderNamedByTheOperatorIsLeftAlone() {
    System.setProperty(NoMBeanServerForXnio.BUILDER, "javax.management.MBeanServerBuilder");
    try {
      NoMBeanServerForXnio.around(() -> assertThat(MBeanServerFactory.newMBeanServer()).isNotNull());
      assertThat(System.getProperty(NoMBeanServerForXnio.BUILDER))
          .isEqualTo("javax.management.MBeanServerBuilder");
    } finally {
      System.clearProperty(NoMBeanServerForXnio.BUILDER);
    }
  }

  /** A monitor answering over HTTPS has made no MBean server (whose registry class it would load). */
  @Test
  void aMonitorAnsweringOverHttpsMadeNoMBeanServer() throws Exception {
    Path classes = dir.resolve("classes.log");
    Path partition = dir.resolve("partition");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    Process demo = SlapmonProcess.startWithJvmOptions(dir, Map.of(),
        List.of("-Xlog:class+load=info:file=" + classes),
        "demo", "--dir", partition.toString(), "--port", "" + port);
    try {
      String status = SlapmonProcess.awaitDemoFeeds(demo, partition, port);
      assertThat(status).as("stderr: %s", SlapmonProcess.read(dir, "stderr")).isEqualTo("200");
      assertThat(Files.readAllLines(classes))
          .noneMatch(line -> line.contains(" com.sun.jmx.mbeanserver.Repository "));
    } finally {
      demo.destroy();
      if (!demo.waitFor(30, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }
}
