package slapmon.runtime.promise;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One promise or report found in its folder: the title it publishes under, the file, how often it
 * runs, and, when it cannot run, why (published as its error status instead of running it).
 */
record Executable(String title, Path path, Kind kind, Period period, Optional<String> problem) {
  Executable {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(problem, "problem");
  }

  Executable withProblem(String why) {
    return new Executable(title, path, kind, period, Optional.of(why));
  }
}
