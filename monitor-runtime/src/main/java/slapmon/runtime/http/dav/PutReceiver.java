package slapmon.runtime.http.dav;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Takes the bodies PUT to some files instead of writing them there, each on its own and in order,
 * so that a later PUT never overwrites an earlier one before it was read (the parameter editor's
 * {@code config.tmp.json}). The locks and the If header are checked first, as for any PUT.
 */
public interface PutReceiver {
  /** The header of the answer that names what was received, for the client to find its outcome. */
  String RECEIPT_HEADER = "Slapmon-Upload";

  /** Receives nothing: every PUT writes its file. */
  PutReceiver NONE =
      new PutReceiver() {
        @Override
        public boolean receives(Path file) {
          return false;
        }

        @Override
        public String receive(InputStream body) {
          throw new UnsupportedOperationException("receives nothing");
        }
      };

  /** Whether a PUT to {@code file} (under the served folder) comes here. */
  boolean receives(Path file) throws IOException;

  /**
   * Takes one body; returns the receipt sent to the client in {@link #RECEIPT_HEADER}.
   *
   * @throws Refused when the body is not taken, with the status to answer
   */
  String receive(InputStream body) throws IOException;

  /** A body not taken (too large, too many waiting): the PUT is answered with {@code status}. */
  final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public Refused(int status, String reason) {
      super(reason);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
