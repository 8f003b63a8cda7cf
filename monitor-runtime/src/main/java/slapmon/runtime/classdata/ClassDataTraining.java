package slapmon.runtime.classdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import slapmon.runtime.opml.TrustedCertificates;
import slapmon.templates.Launcher;
import slapmon.templates.ShellScripts;

/**
 * Makes the class-data sharing archive that the rendered wrappers map ({@link
 * Launcher#classDataArchive()}): a JVM started exactly as they start it, plus {@code
 * -XX:ArchiveClassesAtExit}, runs {@code slapmon demo} on a throw-away partition, answers a few
 * HTTPS requests (public, refused, authenticated) and is stopped; the JVM writes, as it ends, every
 * class it loaded. The archive is moved into place only once complete.
 */
public final class ClassDataTraining {
  private static final Duration START_BOUND = Duration.ofSeconds(120);
  private static final Duration STOP_BOUND = Duration.ofSeconds(60);
  /** The demo's period: short, so that the training sees a second pass of every task. */
  private static final Duration PERIOD = Duration.ofSeconds(1);

  private final Launcher launcher;

  public ClassDataTraining(Launcher launcher) {
    this.launcher = launcher;
  }

  /**
   * @throws IOException saying what failed: the demo did not start, a request failed, the JVM
   *     wrote no archive (a class path of folders, for one: only jar files can be archived)
   */
  public void writeArchive(Path archive) throws IOException, InterruptedException {
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    Path log = Files.createTempFile("slapmon-class-data-", ".log");
    Files.deleteIfExists(partial);
    List<String> command = new ArrayList<>();
    command.add(launcher.java().toString());
    command.addAll(Arrays.asList(ShellScripts.JVM_OPTIONS.split(" ")));
    command.add("-XX:ArchiveClassesAtExit=" + partial);
    command.addAll(List.of("-cp", launcher.classPathText(), launcher.mainClass(), "demo",
        "--period", Long.toString(PERIOD.toSeconds())));
    Process demo =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      exercise(demo, log);
      // The periodic tasks' second pass, that of every start but a partition's first, reads what
      // the first wrote (the OPML: the JDK's XML parser, 300 classes).
      Thread.sleep(2 * PERIOD.toMillis());
      demo.destroy();
      if (!demo.waitFor(STOP_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        throw new IOException("the demo did not stop within " + STOP_BOUND.toSeconds() + " s");
      }
      if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
        throw new IOException("the JVM wrote no archive; its output: " + tail(log));
      }
      Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      demo.destroyForcibly();
      Files.deleteIfExists(partial);
      Files.deleteIfExists(log);
    }
  }

  /** The requests of the training: what an operator's first minutes ask. */
  private record Ask(String path, boolean authenticated) {}

  private static final List<Ask> ASKS =
      List.of(
          new Ask("/public/", false),
          new Ask("/public/feeds", false),
          new Ask("/public/feed", false),
          new Ask("/", false),
          new Ask("/", true),
          new Ask("/private/", true));

  /** Waits for the demo's URLs and credentials in its output, then asks {@link #ASKS}. */
  private static void exercise(Process demo, Path log) throws IOException, InterruptedException {
    Map<String, String> printed = new HashMap<>();
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    while (!printed.containsKey("password") || !printed.containsKey("partition")) {
      if (!demo.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("the demo did not start; its output: " + tail(log));
      }
      Thread.sleep(50);
      readLines(log, printed);
    }
    Path certificate = Path.of(printed.get("partition"), "srv", "ssl", "certs", "httpd.crt");
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TrustedCertificates.sslContext(Optional.of(certificate)))
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    String credentials = printed.get("user") + ":" + printed.get("password");
    String basic =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    // The first publication (feed, OPML: the XML classes) runs beside the first requests: the
    // archive has its classes only once it is done.
    URI feed = URI.create(printed.get("dashboard") + FIRST_PUBLICATION);
    while (client.send(HttpRequest.newBuilder(feed).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
      if (!demo.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("the demo published no " + FIRST_PUBLICATION + "; its output: "
            + tail(log));
      }
      Thread.sleep(50);
    }
    for (Ask ask : ASKS) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(printed.get("dashboard") + ask.path()))
              .timeout(Duration.ofSeconds(20));
      if (ask.authenticated()) {
        request.header("Authorization", basic);
      }
      client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }
  }

  /** Written by the first publication, the last of its documents. */
  private static final String FIRST_PUBLICATION = "/public/feeds";

  private static void readLines(Path log, Map<String, String> printed) throws IOException {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String trimmed = line.strip();
        if (line.startsWith("slapmon demo: monitoring a sample partition in ")) {
          printed.put("partition", line.substring(line.lastIndexOf(" in ") + 4).strip());
        } else if (trimmed.startsWith("dashboard:")) {
          String url = trimmed.substring("dashboard:".length()).strip().split(" ")[0];
          printed.put("dashboard", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } else if (trimmed.startsWith("user:")) {
          printed.put("user", trimmed.substring("user:".length()).strip());
        } else if (trimmed.startsWith("password:")) {
          printed.put("password", trimmed.substring("password:".length()).strip());
        }
      }
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()))
        .replaceAll("password:\\s*\\S+", "password: (hidden)");
  }
}
