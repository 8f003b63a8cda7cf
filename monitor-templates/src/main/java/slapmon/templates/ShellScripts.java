package slapmon.templates;

import java.nio.file.Path;
import java.util.List;
import slapmon.config.settings.PromiseTimeout;

/**
 * The rendered shell scripts: the service wrapper that supervisord runs, the wrapper of {@code
 * slapmon promise run}, and the stack's own promises. Every path and URL is quoted by {@link
 * ShellQuote}; nothing from the settings is ever interpreted by the shell.
 */
public final class ShellScripts {
  /**
   * The JVM of a monitor: a small bounded heap that grows only as needed (the live set is a few
   * tens of MiB; without a bound the JVM takes up to a quarter of the machine, per partition),
   * the serial collector and the client compiler (less memory and start-up time, fast enough),
   * small thread stacks (64 promise workers), and an exit (code 3) at the first out-of-memory
   * error, wherever it is thrown: a JVM that goes on after one only looks alive, and supervisord
   * restarts a process that ended. The same as the {@code ./slapmon} launcher's.
   *
   * <p>The heap is kept near its live set: a young generation of 6 MiB and an old one that grows
   * to 20-40 % free and gives back what is over 40 % after a full collection. Under 1,000
   * promises every 5 s the default sizing let the heap reach 42 MiB of resident memory for a live
   * set of 13; these options hold it at 25 (docs/benchmarks.md, "Issue 19, rss19").
   *
   * <p>glibc keeps what its malloc arenas freed; the JVM gives it back every 2 s ({@code
   * malloc_trim}): 4-7 MiB less RSS under 1,000 promises every 5 s, no measurable CPU
   * (docs/benchmarks.md, "Issue 19, rss19b"). The option came to 17.0.9 and 21.0.1 as an
   * experimental one and became a product one later (JDK-8325496); SlapOS's Temurin 21.0.3 may
   * predate that, hence the unlock. A JVM older than those refuses it.
   */
  public static final String JVM_OPTIONS =
      "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmn6m -Xmx256m"
          + " -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:+ExitOnOutOfMemoryError"
          + " -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000";

  private ShellScripts() {}

  /**
   * The JVM options that map an application class-data sharing archive (the classes start-up
   * loads, already parsed and verified: a third less CPU to the first HTTPS answer). {@code
   * -Xshare:auto}: an archive that is missing, broken or made for another jar or JVM is ignored and
   * the monitor starts without it, never refused.
   */
  public static String classDataOptions(String archive) {
    return "-XX:SharedArchiveFile=" + archive + " -Xshare:auto";
  }

  /** {@code slapmon run} on the partition's monitor.conf, in the foreground (supervisord). */
  static String service(Launcher launcher, Path monitorConf) {
    return script(
        "# The monitor of this partition (slapmon run), started by supervisord.",
        "exec " + java(launcher) + " run --config " + ShellQuote.quote(monitorConf));
  }

  /** Every promise once, as slapgrid expects from the monitor's promise runner. */
  static String promiseRun(Launcher launcher, Path monitorConf) {
    return script(
        "# Runs every promise of this partition once (slapmon promise run); exit 1 when one fails.",
        "exec " + java(launcher) + " promise run --config " + ShellQuote.quote(monitorConf) + " \"$@\"");
  }

  /**
   * The HTTPS server answers 401 to a request without credentials, over TLS verified with its own
   * certificate, within the promise timeout.
   */
  private static final long DEFAULT_TIMEOUT = PromiseTimeout.DEFAULT.toSeconds();

  static String httpsPromise(String url, Path certificate, Path timeoutFile) {
    return script(
        "# slapmon's HTTPS server must answer 401 to a request without credentials.",
        "url=" + ShellQuote.quote(url),
        "timeout=$(cat " + ShellQuote.quote(timeoutFile) + " 2>/dev/null)",
        "# The promise timeout's rule (PromiseTimeout): whole seconds from 1 to "
            + PromiseTimeout.MAX_SECONDS + ", an s allowed after.",
        "timeout=${timeout%s}",
        "case $timeout in ''|*[!0-9]*|0*) timeout=" + DEFAULT_TIMEOUT + " ;; esac",
        "[ \"$timeout\" -le " + PromiseTimeout.MAX_SECONDS + " ] || timeout=" + DEFAULT_TIMEOUT,
        "code=$(curl -sS -g -o /dev/null -w '%{http_code}' --cacert "
            + ShellQuote.quote(certificate)
            + " --max-time \"$timeout\" \"$url\") || {",
        "  echo \"$url is not available (server not reachable)\" >&2",
        "  exit 1",
        "}",
        "if [ \"$code\" != 401 ]; then",
        "  echo \"$url returned $code, expected 401\" >&2",
        "  exit 1",
        "fi",
        "echo \"$url answers 401 without credentials\"");
  }

  /** The monitor's bootstrap left its success marker (SPEC §A.12). */
  static String bootstrapPromise(Path marker) {
    return script(
        "# The monitor's bootstrap succeeded: its marker file is there.",
        "marker=" + ShellQuote.quote(marker),
        "if [ ! -e \"$marker\" ]; then",
        "  echo \"Monitor bootstrap exited with error: $marker is missing\" >&2",
        "  exit 2",
        "fi",
        "echo 'Bootstrap OK'");
  }

  private static String java(Launcher launcher) {
    return ShellQuote.quote(launcher.java())
        + " "
        + JVM_OPTIONS
        + launcher.opensslFolder()
            .map(folder -> " -D" + Launcher.OPENSSL_FOLDER_PROPERTY + "=" + ShellQuote.quote(folder))
            .orElse("")
        + " "
        + classDataOptions(ShellQuote.quote(launcher.classDataArchive()))
        + " -cp "
        + ShellQuote.quote(launcher.classPathText())
        + " "
        + launcher.mainClass();
  }

  /** How a script of this class starts: its interpreter line and its first comment line. */
  static String heading(String script) {
    int first = script.indexOf('\n');
    int second = script.indexOf('\n', first + 1);
    return script.substring(0, second + 1);
  }

  private static String script(String... lines) {
    return "#!/bin/sh\n" + String.join("\n", List.of(lines)) + "\n";
  }
}
