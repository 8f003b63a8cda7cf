package slapmon.runtime.http.auth;

/** The password hash formats that Apache's {@code htpasswd} writes and slapmon can check. */
enum HashFormat {
  BCRYPT,
  APR1,
  SHA1,
  UNSUPPORTED;

  static HashFormat of(String hash) {
    if (hash.startsWith("$2y$") || hash.startsWith("$2a$") || hash.startsWith("$2b$")) {
      return BCRYPT;
    }
    if (hash.startsWith("$apr1$")) {
      return APR1;
    }
    if (hash.startsWith("{SHA}")) {
      return SHA1;
    }
    return UNSUPPORTED;
  }
}
