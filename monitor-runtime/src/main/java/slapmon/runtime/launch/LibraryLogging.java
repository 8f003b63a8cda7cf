package slapmon.runtime.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per log record, and the libraries' start-up chatter (Undertow, XNIO, OpenSSL's version)
 * below warnings: an operator's log should show what the monitor does.
 *
 * <p>In two steps, for the start's critical path: the format and the libraries' logging provider,
 * two properties, at once; the levels, which make {@code java.util.logging}'s {@code LogManager}
 * and the JDK's logger finder (its configuration file read, the logger backends looked up in the
 * jar and the runtime image: 40-75 ms of the main thread before), on a thread of their own while
 * the main thread reads the configuration. Whatever could make a library log first calls {@link
 * #quiet()}, which waits for that thread if it is not done.
 */
final class LibraryLogging {
  private static final String[] LIBRARIES = {
    "io.undertow", "org.xnio", "org.jboss", "org.wildfly.openssl"
  };

  /** Held so that the level set on them is not lost when they are garbage collected. */
  private static List<Logger> quieted;

  private LibraryLogging() {}

  /** The record format and the libraries' provider; before anything logs. */
  static void format() {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT%1$tz %4$s %3$s: %5$s%6$s%n");
    System.setProperty("org.jboss.logging.provider", "jdk");
  }

  /** The libraries' loggers below warnings, once per process; before a library can log. */
  static synchronized void quiet() {
    if (quieted != null) {
      return;
    }
    // The finder behind System.getLogger, which the monitor's own classes ask for.
    System.LoggerFinder.getLoggerFinder();
    List<Logger> loggers = new ArrayList<>();
    for (String name : LIBRARIES) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      loggers.add(logger);
    }
    quieted = loggers;
  }
}
