package slapmon.runtime.launch;

import io.undertow.Undertow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;
import org.xnio.Xnio;
import slapmon.config.settings.HttpdSection;
import slapmon.runtime.task.TaskGuard;

/**
 * What the HTTPS server needs that nothing of the bootstrap or the engine changes, made on threads
 * of their own as soon as the configuration is read, while the main thread bootstraps the partition
 * and builds the engine: the start then uses the machine's second core. Two of the largest steps
 * of a start: the TLS context (the key and chain read and parsed), and XNIO's provider, made once
 * per process, without its MBeans ({@link NoMBeanServerForXnio}). And first, the libraries'
 * loggers quieted ({@link LibraryLogging}).
 */
final class ServerPreparation {
  private final CompletableFuture<SSLContext> tls = new CompletableFuture<>();

  private ServerPreparation() {}

  /** Starts making what the server of {@code httpd} needs; {@link #tls()} waits for it. */
  static ServerPreparation begin(RuntimeConfig config, HttpdSection httpd, TaskGuard guard) {
    ServerPreparation preparation = new ServerPreparation();
    // Two threads: neither step needs the other, and together they were the start's critical
    // path (the main thread's bootstrap ends before the second would have).
    ThreadFactory threads = guard.daemonThreads("slapmon-https-preparation");
    threads.newThread(() -> preparation.prepareTls(config, httpd)).start();
    threads.newThread(ServerPreparation::prepareXnio).start();
    return preparation;
  }

  private void prepareTls(RuntimeConfig config, HttpdSection httpd) {
    try {
      // Before the TLS engine's version line.
      LibraryLogging.quiet();
      tls.complete(HttpsService.tls(config, httpd));
    } catch (Throwable e) {
      // Told by the main thread, at the step where it told it before; an Error goes on to the
      // thread's guard too (a fatal one ends the process).
      tls.completeExceptionally(e);
      if (e instanceof Error error) {
        throw error;
      }
    }
  }

  private static void prepareXnio() {
    // Before XNIO's version line.
    LibraryLogging.quiet();
    NoMBeanServerForXnio.around(() -> {
      try {
        // Undertow's start finds it made (or waits for it: the provider is made once per process).
        Xnio.getInstance(Undertow.class.getClassLoader());
      } catch (RuntimeException | LinkageError ignored) {
        // Undertow's start makes the same call, fails the same way, and tells it.
      }
    });
  }

  /** The server's TLS context, once made; what made it fail, as the main thread would have. */
  SSLContext tls() throws StartFailure {
    try {
      return tls.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StartFailure failure) {
        throw failure;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
