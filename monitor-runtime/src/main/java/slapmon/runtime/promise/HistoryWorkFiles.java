package slapmon.runtime.promise;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The hidden files beside a promise's {@code NAME.history.json} that its appends work with: the
 * spare day, the published day's second name during a swap, and the lock between processes. Not
 * documents: listings leave them out.
 */
public final class HistoryWorkFiles {
  private static final Pattern NAME = Pattern.compile("\\..+\\.history\\.json\\.(spare|swap|lock)");

  private HistoryWorkFiles() {}

  /** Whether {@code fileName} is one of these files. */
  public static boolean is(String fileName) {
    return NAME.matcher(fileName).matches();
  }

  static Path spare(Path folder, String name) {
    return folder.resolve("." + name + ".history.json.spare");
  }

  static Path swap(Path folder, String name) {
    return folder.resolve("." + name + ".history.json.swap");
  }

  static Path lock(Path folder, String name) {
    return folder.resolve("." + name + ".history.json.lock");
  }
}
