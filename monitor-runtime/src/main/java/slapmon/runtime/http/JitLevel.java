package slapmon.runtime.http;

import java.util.List;
import java.util.Optional;

/**
 * Whether this JVM compiles hot code with C2, read from its own command line: asking the
 * management beans instead costs 50-370 ms of start on a busy 2-core machine.
 */
final class JitLevel {
  private static final String STOP_AT = "-XX:TieredStopAtLevel=";

  private JitLevel() {}

  /** False only when the command line stops tiered compilation below level 4 (C2). */
  static boolean optimizing(ProcessHandle.Info self) {
    return optimizing(self.arguments().map(List::of).orElse(List.of()));
  }

  static boolean optimizing(List<String> arguments) {
    Optional<String> last = arguments.stream()
        .takeWhile(a -> !a.equals("-jar") && !a.equals("-cp") && !a.equals("-classpath"))
        .filter(a -> a.startsWith(STOP_AT))
        .reduce((first, second) -> second);
    try {
      return last.map(a -> Integer.parseInt(a.substring(STOP_AT.length())) >= 4).orElse(true);
    } catch (NumberFormatException e) {
      return true; // the JVM itself would have refused to start
    }
  }
}
