package slapmon.runtime.http.dav;

/** A request that ends with a given HTTP status, optionally with a DAV precondition element. */
final class DavError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String condition;

  DavError(int status, String message) {
    this(status, message, null);
  }

  DavError(int status, String message, String condition) {
    super(message, null, false, false);
    this.status = status;
    this.condition = condition;
  }
}
