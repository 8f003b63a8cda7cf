package slapmon.runtime.render;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import slapmon.templates.Launcher;

/**
 * This JVM, its class path and the OpenSSL folder it was given: rendered wrappers start slapmon the
 * way it was started now (software.cfg names the release's own OpenSSL to the render).
 */
public final class OwnLauncher {
  private static final String MAIN = "slapmon.runtime.launch.Main";

  private OwnLauncher() {}

  public static Launcher current() {
    List<Path> classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(entry -> Path.of(entry).toAbsolutePath().normalize())
            .toList();
    Optional<Path> openssl =
        Optional.ofNullable(System.getProperty(Launcher.OPENSSL_FOLDER_PROPERTY))
            .filter(folder -> !folder.isBlank())
            .map(folder -> Path.of(folder).toAbsolutePath().normalize());
    return new Launcher(
        Path.of(System.getProperty("java.home"), "bin", "java"), classPath, MAIN, openssl);
  }
}
