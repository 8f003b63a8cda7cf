package slapmon.runtime.http.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

final class LitmusTest {
  private static final Path LITMUS = Path.of("/usr/bin/litmus");
  private static final Pattern SUITE = Pattern.compile("^-> running `(\\w+)':");
  private static final Pattern RESULT =
      Pattern.compile("^\\s*\\d+\\.\\s+(\\w+)\\.*\\s*(pass|FAIL|SKIPPED|WARNING)");
  private static final Pattern SUMMARY = Pattern.compile("of (\\d+) tests run");
  private static final Pattern KNOWN = Pattern.compile("^- `(\\w+\\.\\w+)`");

  @TempDir Path tmp;

  @Test
  @Timeout(120)
  void litmus_basic_copymove_props_locks_and_http_pass() throws Exception {
    assertThat(LITMUS).as("litmus is required (Debian package litmus)").isExecutable();
    String output;
    try (DavServer server = new DavServer(tmp)) {
      output = run(server.url("/share/private/"));
    }
    List<String[]> results = results(output);
    assertThat(results).as(output).extracting(r -> r[0]).contains("basic.put_get",
        "copymove.copy_simple", "props.propset", "locks.lock_excl", "locks.unmapped_lock", "http.expect100");
    assertThat(results).as("one result per test that litmus counted:\n" + output)
        .hasSize(testsRun(output));
    List<String> known = knownFailures();
    List<String> failures = new ArrayList<>();
    for (String[] r : results) {
      if (!r[1].equals("pass") && !known.contains(r[0])) {
        failures.add(r[0] + " " + r[1]);
      }
    }
    assertThat(failures).as("litmus output:\n" + output).isEmpty();
  }

  private String run(String url) throws IOException, InterruptedException {
    Path log = tmp.resolve("litmus.out");
    ProcessBuilder pb = new ProcessBuilder(LITMUS.toString(), url)
        .directory(Files.createDirectories(tmp.resolve("litmus")).toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("TESTS", "basic copymove props locks http");
    Process p = pb.start();
    if (!p.waitFor(100, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Pairs (suite.test, first result word) in order, from litmus' console output. */
  static List<String[]> results(String output) {
    List<String[]> out = new ArrayList<>();
    String suite = "?";
    for (String line : output.split("\\R")) {
      Matcher s = SUITE.matcher(line);
      if (s.find()) {
        suite = s.group(1);
        continue;
      }
      Matcher r = RESULT.matcher(line);
      if (r.find()) {
        out.add(new String[] {suite + "." + r.group(1), r.group(2)});
      }
    }
    return out;
  }

  /** The sum of litmus' "of N tests run" summaries. */
  private static int testsRun(String output) {
    Matcher m = SUMMARY.matcher(output);
    int total = 0;
    while (m.find()) {
      total += Integer.parseInt(m.group(1));
    }
    return total;
  }

  private static List<String> knownFailures() throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../docs/webdav.md"))) {
      Matcher m = KNOWN.matcher(line);
      if (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
