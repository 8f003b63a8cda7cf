package slapmon.templates;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the rendered wrappers start slapmon: the {@code java} executable, the class path (the slapmon
 * jar in production), the main class, and the folder of the OpenSSL libraries its TLS runs on when
 * one was named (the software release's own OpenSSL). The runtime passes its own.
 */
public record Launcher(
    Path java, List<Path> classPath, String mainClass, Optional<Path> opensslFolder) {
  /** The JVM property naming the folder of libssl and libcrypto (wildfly-openssl's). */
  public static final String OPENSSL_FOLDER_PROPERTY = "org.wildfly.openssl.path";

  public Launcher(Path java, List<Path> classPath, String mainClass) {
    this(java, classPath, mainClass, Optional.empty());
  }

  public Launcher {
    requireAbsolute(java, "java");
    Objects.requireNonNull(opensslFolder, "opensslFolder");
    opensslFolder.ifPresent(folder -> requireAbsolute(folder, "OpenSSL folder"));
    classPath = List.copyOf(classPath);
    if (classPath.isEmpty()) {
      throw new IllegalArgumentException("the class path is empty");
    }
    for (Path entry : classPath) {
      requireAbsolute(entry, "class path entry");
      if (entry.toString().indexOf(':') >= 0) {
        throw new IllegalArgumentException("a class path entry cannot hold ':', got '" + entry + "'");
      }
    }
    Objects.requireNonNull(mainClass, "mainClass");
    if (!mainClass.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
      throw new IllegalArgumentException("not a class name: '" + mainClass + "'");
    }
  }

  /**
   * Where the class-data sharing archive of this JVM and class path is looked for: next to the
   * first class path entry (the slapmon jar), {@code slapmon.jar} giving {@code slapmon.jsa}. It is
   * made once per software build ({@code slapmon class-data}); the JVM checks that it matches the
   * jar and itself, and ignores it otherwise.
   */
  public Path classDataArchive() {
    Path first = classPath.get(0);
    String name = first.getFileName().toString();
    String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    return first.resolveSibling(base + ".jsa");
  }

  /** The class path as {@code java -cp} takes it. */
  public String classPathText() {
    return String.join(":", classPath.stream().map(Path::toString).toList());
  }

  private static void requireAbsolute(Path path, String what) {
    Objects.requireNonNull(path, what);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(what + " must be an absolute path, got '" + path + "'");
    }
  }
}
