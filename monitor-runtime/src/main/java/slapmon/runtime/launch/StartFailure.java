package slapmon.runtime.launch;

import java.io.IOException;

/**
 * The monitor could not start because of something outside its configuration file's syntax (a
 * port in use, a certificate that cannot be read); the message is the one line the operator sees.
 */
public final class StartFailure extends IOException {
  private static final long serialVersionUID = 1L;

  public StartFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
