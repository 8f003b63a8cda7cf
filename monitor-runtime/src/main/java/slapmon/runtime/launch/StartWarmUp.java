package slapmon.runtime.launch;

import slapmon.runtime.json.Json;

/**
 * What the wrapper's start needs whatever the configuration says, made on a thread of its own
 * while the main thread reads the configuration (the machine's second core is idle then): the
 * libraries' logging ({@link LibraryLogging#quiet()}: {@code java.util.logging}'s set-up), then
 * the JSON mapper and its date formats (Jackson's and the JDK's locale data), which the bootstrap
 * needs first. The main thread finds them made, or waits for them where it would have made them
 * itself (a class is initialised once, by one thread, the others waiting).
 */
final class StartWarmUp implements Runnable {
  private StartWarmUp() {}

  /** Starts the thread; nothing waits for it to end. */
  static void begin() {
    Thread thread = new Thread(new StartWarmUp(), "slapmon-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    LibraryLogging.quiet();
    Json.mapper();
  }
}
