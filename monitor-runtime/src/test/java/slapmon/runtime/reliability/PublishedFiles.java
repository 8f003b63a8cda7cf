package slapmon.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import slapmon.runtime.json.Json;

/** Checks that every file a monitor published is whole, with the parsers its readers use. */
final class PublishedFiles {
  private PublishedFiles() {}

  /**
   * Parses every JSON file under {@code folder} with Jackson and the RSS feed and OPML with
   * xmllint; throws naming the first torn file. Returns how many files were checked.
   */
  static int assertAllParse(Path folder) throws IOException, InterruptedException {
    int checked = 0;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.startsWith(".") && name.contains(".tmp-")) {
        continue; // a killed writer's temporary file: never read, removed at the next start
      }
      if (name.endsWith(".json") || name.equals("_promise_status")) {
        try {
          Json.read(file);
        } catch (IOException e) {
          if (Files.exists(file)) {
            throw e; // torn; a file deleted while we listed (a retired result) is no failure
          }
        }
        checked++;
      } else if (name.equals("feed") || name.equals("feeds")) {
        xmllint(file);
        checked++;
      }
    }
    return checked;
  }

  static void xmllint(Path file) throws IOException, InterruptedException {
    Process xmllint =
        new ProcessBuilder("xmllint", "--noout", file.toString()).redirectErrorStream(true).start();
    String said = new String(xmllint.getInputStream().readAllBytes());
    assertThat(xmllint.waitFor(30, TimeUnit.SECONDS)).as("xmllint ended").isTrue();
    assertThat(xmllint.exitValue()).as("xmllint " + file + ": " + said).isZero();
  }
}
