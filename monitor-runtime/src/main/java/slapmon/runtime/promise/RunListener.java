package slapmon.runtime.promise;

/**
 * Told of each promise run the engine publishes, and of each promise that goes away. Called on the
 * engine's threads, several at once: it must return at once, never wait.
 */
public interface RunListener {
  void ran(PromiseRun run);

  /** The promise {@code title} no longer exists. */
  default void retired(String title) {}
}
