package slapmon.runtime.http.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Apache's real {@code htpasswd}, feeding the password on stdin ({@code -i}). */
public final class ApacheHtpasswd {
  private ApacheHtpasswd() {}

  /** Adds or updates {@code user} with {@code format} ({@code -B}, {@code -m} or {@code -s}). */
  public static void set(Path file, String format, String user, String password)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("htpasswd", "-i", format));
    if (format.equals("-B")) {
      command.addAll(List.of("-C", "5"));
    }
    if (!Files.exists(file)) {
      command.add("-c");
    }
    command.addAll(List.of(file.toString(), user));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(password.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("htpasswd " + command + " failed: " + output);
    }
  }

  /** Whether Apache's {@code htpasswd -v} accepts {@code password} for {@code user} in {@code file}. */
  public static boolean verifies(Path file, String user, String password)
      throws IOException, InterruptedException {
    List<String> command = List.of("htpasswd", "-v", "-i", file.toString(), user);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(password.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("htpasswd -v did not finish: " + output);
    }
    // 0: verified; 3: wrong password. Anything else (no such user, unreadable file) is an error.
    if (process.exitValue() != 0 && process.exitValue() != 3) {
      throw new IOException("htpasswd -v failed with " + process.exitValue() + ": " + output);
    }
    return process.exitValue() == 0;
  }

  /** The stored hash of {@code user} in {@code file}. */
  public static String hashOf(Path file, String user) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(line -> line.startsWith(user + ":"))
        .map(line -> line.substring(user.length() + 1))
        .findFirst()
        .orElseThrow();
  }
}
