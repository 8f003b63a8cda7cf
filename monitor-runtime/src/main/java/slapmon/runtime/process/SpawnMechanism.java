package slapmon.runtime.process;

import java.util.Optional;

/**
 * How the JDK starts a process. JDK 17's default, {@code POSIX_SPAWN}, runs the JDK's {@code
 * jspawnhelper} in the new process, which then execs the executable: two execs per run, the first
 * costing about what a trivial promise's own shell does (docs/benchmarks.md, "Issue 19, spawn19").
 * {@code VFORK} execs the executable directly; it was Linux's default up to JDK 11, is deprecated
 * from JDK 25 on (a warning on stderr at the first spawn, JDK-8357179) and is to be removed after.
 * So: {@code VFORK} on Linux before JDK 25, the JDK's default from 25 on ({@code FORK}, the
 * other direct mechanism, copies the JVM's page tables and costs twice {@code POSIX_SPAWN}); a
 * mechanism given with {@code -D} is left as it is.
 */
public final class SpawnMechanism {
  /** The JDK's property, read once, when the first process starts. */
  static final String PROPERTY = "jdk.lang.Process.launchMechanism";

  /** The first JDK that warns about {@code VFORK}. */
  static final int VFORK_DEPRECATED_IN = 25;

  private SpawnMechanism() {}

  /** Sets the mechanism unless one is set; call it before anything starts a process. */
  public static void choose() {
    chosen(Runtime.version().feature(), System.getProperty("os.name"), System.getProperty(PROPERTY))
        .ifPresent(mechanism -> System.setProperty(PROPERTY, mechanism));
  }

  /** The mechanism to set for this JDK feature version and system, if any. */
  static Optional<String> chosen(int jdkFeature, String osName, String alreadySet) {
    if (alreadySet != null || !"Linux".equals(osName) || jdkFeature >= VFORK_DEPRECATED_IN) {
      return Optional.empty();
    }
    return Optional.of("VFORK");
  }
}
