package slapmon.runtime.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.Md5Crypt;

/** Checks a password against one stored htpasswd hash, comparing digests in constant time. */
final class PasswordHashes {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private final BcryptCheck bcrypt;

  PasswordHashes(BcryptCheck bcrypt) {
    this.bcrypt = bcrypt;
  }

  boolean matches(byte[] password, String hash) {
    try {
      return switch (HashFormat.of(hash)) {
        case BCRYPT -> bcrypt.matches(password, hash);
        case APR1 -> sameText(Md5Crypt.apr1Crypt(password, hash), hash);
        case SHA1 -> sameText("{SHA}" + BASE64.encodeToString(DigestUtils.sha1(password)), hash);
        case UNSUPPORTED -> false;
      };
    } catch (IllegalArgumentException e) { // a malformed salt or hash never matches
      return false;
    }
  }

  private static boolean sameText(String computed, String stored) {
    return MessageDigest.isEqual(
        computed.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
  }
}
