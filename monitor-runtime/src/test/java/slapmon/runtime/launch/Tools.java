package slapmon.runtime.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools the render tests check with: any command run with text on stdin (so a password
 * never appears in an argument list), its exit code and merged output.
 */
final class Tools {
  private Tools() {}

  record Result(int exitCode, String output) {}

  static Result run(String stdin, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within 60 s");
    }
    return new Result(process.exitValue(), output);
  }

  static Result run(String... command) throws IOException, InterruptedException {
    return run("", List.of(command));
  }



  /**
   * The HTTP status curl gets for {@code url}, verifying the server with {@code certificate}; with
   * a user, the credentials go through curl's config on stdin.
   */
  static String curlStatus(String url, Path certificate, String user, String password)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl", "-s", "-g", "--max-time", "10", "--cacert", certificate.toString(),
                "-o", "/dev/null", "-w", "%{http_code}", "-K", "-", url));
    String config = user == null ? "" : "user = \"" + user + ":" + password + "\"\n";
    return run(config, command).output().trim();
  }
}
