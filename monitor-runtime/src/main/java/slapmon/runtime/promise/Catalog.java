package slapmon.runtime.promise;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the promises (in the promise folders, in order) and reports (in the report folder) to run.
 * A file that is not executable, a report with a malformed period and a title found twice are kept,
 * with the problem, so that they are published as errors rather than silently skipped. Hidden files
 * (editor and temporary files) are ignored.
 */
final class Catalog {
  private Catalog() {}

  /** Every executable, keyed by {@code KIND/title} in sorted order. Missing folders are empty. */
  static Map<String, Executable> scan(List<Path> promiseFolders, Optional<Path> reportFolder)
      throws IOException {
    Map<String, Executable> found = new TreeMap<>();
    for (Path folder : promiseFolders) {
      for (Path file : files(folder)) {
        add(found, check(new Executable(
            file.getFileName().toString(), file, Kind.PROMISE, Period.EVERY_MINUTE, Optional.empty())));
      }
    }
    if (reportFolder.isPresent()) {
      for (Path file : files(reportFolder.get())) {
        add(found, check(report(file)));
      }
    }
    return found;
  }

  /** How {@link #scan} keys an executable: results of promises and reports never share a name space. */
  static String key(Kind kind, String title) {
    return kind + "/" + title;
  }

  private static Executable report(Path file) {
    String name = file.getFileName().toString();
    String title = Period.reportTitle(name);
    try {
      return new Executable(title, file, Kind.REPORT, Period.ofReportName(name), Optional.empty());
    } catch (Period.MalformedPeriodException e) {
      return new Executable(title, file, Kind.REPORT, Period.EVERY_MINUTE, Optional.of(e.getMessage()));
    }
  }

  private static Executable check(Executable executable) throws IOException {
    Path file = executable.path();
    if (executable.problem().isPresent() || Files.isExecutable(file)) {
      return executable;
    }
    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    return executable.withProblem(
        file + " is not executable (mode " + mode + "); make it executable (chmod +x) to run it");
  }

  /** Results live in one namespace per kind: a title found twice runs neither file, loudly. */
  private static void add(Map<String, Executable> found, Executable executable) {
    String key = key(executable.kind(), executable.title());
    Executable first = found.get(key);
    if (first == null) {
      found.put(key, executable);
      return;
    }
    found.put(
        key,
        first.withProblem(
            executable.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + executable.title()
                + "' is defined twice, by " + first.path() + " and " + executable.path()
                + "; neither runs until one is renamed or removed"));
  }

  private static List<Path> files(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().startsWith(".") && Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    }
    files.sort(null);
    return files;
  }
}
