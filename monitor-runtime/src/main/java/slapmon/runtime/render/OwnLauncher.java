package slapmon.runtime.render;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import slapmon.templates.Launcher;

/** This JVM and its class path: rendered wrappers start slapmon the way it was started now. */
public final class OwnLauncher {
  private static final String MAIN = "slapmon.runtime.launch.Main";

  private OwnLauncher() {}

  public static Launcher current() {
    List<Path> classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(entry -> Path.of(entry).toAbsolutePath().normalize())
            .toList();
    return new Launcher(Path.of(System.getProperty("java.home"), "bin", "java"), classPath, MAIN);
  }
}
