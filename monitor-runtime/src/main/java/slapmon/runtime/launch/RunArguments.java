package slapmon.runtime.launch;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command line of {@code slapmon run} as the rendered service wrapper writes it, read without
 * picocli: {@code run --config FILE}, and {@code --period SECONDS}, each once, with a space or an
 * {@code =}. picocli's classes are too old for class-data sharing (class file version 49) and
 * building its model of the command by reflection was a fifth of the CPU of a monitor's start.
 * Anything else (help, a typo, a value that looks like an option) is left to picocli, which
 * explains it.
 */
record RunArguments(Path config, int periodSeconds) {
  static final int DEFAULT_PERIOD_SECONDS = 60;

  /** Empty when {@code args} are not exactly such a command line. */
  static Optional<RunArguments> of(String[] args) {
    if (args.length < 2 || !args[0].equals("run")) {
      return Optional.empty();
    }
    String config = null;
    String period = null;
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      String value;
      int equals = name.indexOf('=');
      if (equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      if (value.isEmpty() || value.startsWith("-")) {
        return Optional.empty();
      }
      if (name.equals("--config") && config == null) {
        config = value;
      } else if (name.equals("--period") && period == null && isSmallNumber(value)) {
        period = value;
      } else {
        return Optional.empty();
      }
    }
    if (config == null) {
      return Optional.empty();
    }
    int seconds = period == null ? DEFAULT_PERIOD_SECONDS : Integer.parseInt(period);
    try {
      return Optional.of(new RunArguments(Path.of(config), seconds));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static boolean isSmallNumber(String value) {
    return value.length() <= 9 && value.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
