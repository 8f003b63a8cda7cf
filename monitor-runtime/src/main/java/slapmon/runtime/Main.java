package slapmon.runtime;

/**
 * The main class before it moved to {@link slapmon.runtime.launch.Main}: the wrappers rendered by
 * an earlier slapmon name it, and run the new jar until buildout renders them again.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    slapmon.runtime.launch.Main.main(args);
  }
}
