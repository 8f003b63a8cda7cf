package slapmon.runtime.reliability;

/**
 * How big a reliability scenario runs: its quick size in the normal build, its full size under
 * {@code mvn -Preliability} (which sets {@code -Dslapmon.reliability=full}).
 */
final class Sizes {
  private Sizes() {}

  static boolean full() {
    return "full".equals(System.getProperty("slapmon.reliability"));
  }

  static int of(int quick, int full) {
    return full() ? full : quick;
  }
}
