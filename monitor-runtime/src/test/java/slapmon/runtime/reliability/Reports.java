package slapmon.runtime.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import slapmon.runtime.io.AtomicFiles;

/** The figures a reliability scenario reports, kept in {@code target/reliability/} for the docs. */
final class Reports {
  private Reports() {}

  static void write(String name, String text) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "reliability"));
    AtomicFiles.writeString(folder.resolve(name), text);
  }
}
