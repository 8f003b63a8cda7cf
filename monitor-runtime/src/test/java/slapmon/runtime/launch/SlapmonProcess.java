package slapmon.runtime.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** slapmon as an operator runs it: a separate JVM on this build's classpath. */
public final class SlapmonProcess {
  private SlapmonProcess() {}

  public record Outcome(int exitCode, String out, String err) {}

  /** Starts slapmon with {@code args}; its output goes to {@code dir/stdout} and {@code dir/stderr}. */
  public static Process start(Path dir, Map<String, String> environment, String... args)
      throws IOException {
    return start(dir, environment, List.of(), List.of(), args);
  }

  /** Starts slapmon as {@link #start} does, its JVM given {@code jvmOptions}. */
  public static Process startWithJvmOptions(
      Path dir, Map<String, String> environment, List<String> jvmOptions, String... args)
      throws IOException {
    return start(dir, environment, List.of(), jvmOptions, args);
  }

  /** Starts slapmon as {@link #start} does, as the last arguments of {@code prefix}. */
  public static Process startUnder(
      List<String> prefix, Path dir, Map<String, String> environment, String... args)
      throws IOException {
    return start(dir, environment, prefix, List.of(), args);
  }

  /**
   * Starts slapmon with SIGINT handled as on a terminal, even when this test runs in the background
   * (where SIGINT is ignored, the JVM inherits that and would never see Ctrl-C): a Python shim
   * resets SIGINT to its default, then becomes the JVM (same pid).
   */
  public static Process startWithSigint(Path dir, Map<String, String> environment, String... args)
      throws IOException {
    return start(
        dir,
        environment,
        List.of(
            "/usr/bin/python3",
            "-c",
            "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                + " os.execv(sys.argv[1], sys.argv[1:])"),
        List.of(),
        args);
  }

  private static Process start(
      Path dir,
      Map<String, String> environment,
      List<String> prefix,
      List<String> jvmOptions,
      String... args)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("slapmon.runtime.launch.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("stdout").toFile())
            .redirectError(dir.resolve("stderr").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Runs slapmon to its end (at most 50 s) and returns what it said. */
  public static Outcome run(Path dir, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    return runUnder(List.of(), dir, environment, args);
  }

  /** Runs slapmon as {@link #run} does, as the last arguments of {@code prefix} (a tracer). */
  public static Outcome runUnder(
      List<String> prefix, Path dir, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    Process process = start(dir, environment, prefix, List.of(), args);
    if (!process.waitFor(50, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("slapmon did not exit within 50 s");
    }
    return new Outcome(process.exitValue(), read(dir, "stdout"), read(dir, "stderr"));
  }

  public static String read(Path dir, String stream) throws IOException {
    return Files.readString(dir.resolve(stream), StandardCharsets.UTF_8);
  }

  /**
   * Polls (120 s at most) until {@code slapmon demo}, started on {@code port} with its partition
   * at {@code partition}, answers its feeds over HTTPS; the last status curl saw ("" if none).
   */
  static String awaitDemoFeeds(Process demo, Path partition, int port)
      throws IOException, InterruptedException {
    String url = "https://127.0.0.1:" + port + "/public/feeds";
    Path certificate = partition.resolve("srv/ssl/certs/httpd.crt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String status = "";
    while (!status.equals("200") && demo.isAlive() && System.nanoTime() < deadline) {
      status = Files.exists(certificate) ? Tools.curlStatus(url, certificate, null, null) : "";
      if (!status.equals("200")) {
        Thread.sleep(100);
      }
    }
    return status;
  }
}
