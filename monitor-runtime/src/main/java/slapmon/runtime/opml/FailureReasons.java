package slapmon.runtime.opml;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Turns a failed title fetch into the short, one-line reason shown in the OPML and the log. */
final class FailureReasons {
  private static final int MAX_DETAIL = 120;

  private FailureReasons() {}

  static String describe(Throwable failure, Duration timeout) {
    String seconds =
        timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof HttpConnectTimeoutException) {
        return "unreachable: connect timed out after " + seconds;
      }
      if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
        return "no answer within " + seconds;
      }
      if (e instanceof ConnectException) {
        // The JDK client often loses the errno (a bare ConnectException over a closed channel):
        // claim "refused" only when it says so.
        return "unreachable: "
            + (mentions(e, "refused") ? "connection refused" : "cannot connect" + detail(e));
      }
      if (e instanceof UnresolvedAddressException || e instanceof UnknownHostException) {
        return "unreachable: unknown host";
      }
      if (e instanceof SSLException) {
        return tls(e);
      }
      if (e instanceof CancellationException) {
        return "fetch cancelled";
      }
      if (e instanceof IOException
          && String.valueOf(e.getMessage()).startsWith(BoundedBody.TOO_LARGE)) {
        return "invalid monitor.global.json: " + e.getMessage();
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "fetch failed: " + root.getClass().getSimpleName() + detail(root);
  }

  private static String tls(Throwable e) {
    if (mentions(e, "subject alternative") || mentions(e, "No name matching")) {
      return "TLS: certificate does not match the host";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertificateException) {
        return "TLS: untrusted certificate";
      }
    }
    return "TLS: handshake failed" + detail(e);
  }

  private static boolean mentions(Throwable failure, String text) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e.getMessage() != null && e.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** {@code ": message"} on one line and cut short, or nothing when there is no message. */
  static String detail(Throwable e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      return "";
    }
    return ": " + oneLine(e.getMessage());
  }

  static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "…";
  }
}
