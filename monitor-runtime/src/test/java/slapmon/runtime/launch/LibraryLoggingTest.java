package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libraries' loggers below warnings, made off the main thread on the wrapper's start. That
 * their start-up lines stay out of the log is shown by {@link OperatorFailuresProcessTest} (the
 * one line of a port in use, after XNIO and OpenSSL were made).
 */
final class LibraryLoggingTest {
  @TempDir Path dir;

  @Test
  void quietingSetsTheLibrariesBelowWarningsOnce() {
    LibraryLogging.quiet();
    LibraryLogging.quiet();
    for (String name : List.of("io.undertow", "org.xnio", "org.jboss", "org.wildfly.openssl")) {
      assertThat(Logger.getLogger(name).getLevel()).as(name).isEqualTo(Level.WARNING);
    }
  }

  /** {@code java.util.logging}'s set-up is not on the main thread of the wrapper's start. */
  @Test
  void theWrappersStartMakesNoLogManagerOnItsMainThread() throws Exception {
    Path classes = dir.resolve("classes.log");
    Process run = SlapmonProcess.startWithJvmOptions(dir, Map.of(),
        List.of("-Xlog:class+load=info:file=" + classes + ":tid"),
        "run", "--config", dir.resolve("missing.conf").toString());
    assertThat(run.waitFor(50, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).isEqualTo(ExitCode.USAGE);
    List<String> loaded = Files.readAllLines(classes);
    String main = threadOf(loaded, "slapmon.runtime.launch.Main ").orElseThrow();
    assertThat(threadOf(loaded, "java.util.logging.LogManager "))
        .as("the thread that made the LogManager, if any").isNotEqualTo(Optional.of(main));
  }

  /** The thread decoration ({@code [1234]}) of the line that loaded {@code className}. */
  private static Optional<String> threadOf(List<String> loaded, String className) {
    return loaded.stream()
        .filter(line -> line.contains("] " + className))
        .map(line -> line.substring(0, line.indexOf(']') + 1))
        .findFirst();
  }
}
