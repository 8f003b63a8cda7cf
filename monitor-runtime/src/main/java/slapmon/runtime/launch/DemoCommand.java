package slapmon.runtime.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import slapmon.config.ConfigException;
import slapmon.runtime.demo.DemoPartition;
import slapmon.runtime.task.TaskGuard;

/** {@code slapmon demo}: slapmon running on a throw-away partition, to look at. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a throw-away partition with sample promises and a report, starts the monitor on it"
          + " (HTTPS on loopback) and prints the URLs and credentials. Ctrl-C stops it and removes"
          + " the partition (kept when --dir is given)."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:stopped by Ctrl-C (SIGINT) or SIGTERM",
      "1:could not start (port in use, folder not writable: the line says which)",
      "2:a wrong command line",
      "3:a fatal JVM error (out of memory), as run"
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "Make the partition here and keep it.")
  Optional<Path> dir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTPS port (default, or 0: a free one).")
  Optional<Integer> port;

  @Option(
      names = "--period",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "How often the promises run (default: ${DEFAULT-VALUE}, to see results soon).")
  int periodSeconds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (periodSeconds < 1 || periodSeconds > 3600) {
      err.println("slapmon: --period must be from 1 to 3600 seconds, got " + periodSeconds);
      return ExitCode.USAGE;
    }
    int chosenPort = port.orElse(0);
    if (chosenPort < 0 || chosenPort > 65535) {
      err.println("slapmon: --port must be from 1 to 65535, or 0 for a free one; got " + chosenPort);
      return ExitCode.USAGE;
    }
    boolean made = dir.isEmpty() || !Files.exists(dir.get());
    Path partition =
        dir.isPresent() ? Files.createDirectories(dir.get()) : Files.createTempDirectory("slapmon-demo-");
    TaskGuard.HALTING.handleEveryUncaughtFailure();
    DemoPartition.Made demo;
    RunningMonitor monitor;
    try {
      demo = DemoPartition.create(partition, chosenPort == 0 ? freePort() : chosenPort, new SecureRandom());
      monitor = RunningMonitor.start(
          RuntimeConfig.load(demo.conf()), Duration.ofSeconds(periodSeconds), Clock.systemUTC());
    } catch (ConfigException e) {
      removeIfMade(made, partition);
      e.diagnostics().forEach(err::println);
      return ExitCode.FAILED;
    } catch (IOException | RuntimeException e) {
      removeIfMade(made, partition);
      throw e;
    }
    out.println("slapmon demo: monitoring a sample partition in " + partition);
    out.println("  dashboard: " + demo.baseUrl() + "/  (self-signed certificate: accept it once, or curl --cacert "
        + demo.certificate() + ")");
    out.println("  public:    " + demo.baseUrl() + "/public/");
    out.println("  feed:      " + demo.baseUrl() + "/public/feed");
    out.println("  private:   " + demo.baseUrl() + "/private/");
    out.println("  WebDAV:    " + demo.baseUrl() + "/share/");
    out.println("  metrics:   " + demo.baseUrl() + "/metrics");
    out.println("  user:      " + demo.user());
    out.println("  password:  " + demo.password());
    out.println("Promises run every " + periodSeconds + " s. Ctrl-C to stop.");
    out.flush();
    UntilSignal.await(
        () -> {
          monitor.close();
          if (dir.isEmpty()) {
            delete(partition);
          }
        },
        err);
    return ExitCode.OK;
  }

  /** No half-made partition left behind: only a folder the demo made itself is removed. */
  private static void removeIfMade(boolean made, Path partition) throws IOException {
    if (made) {
      delete(partition);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
