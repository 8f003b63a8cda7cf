package slapmon.templates;

import java.util.Random;

/**
 * A new monitor password: 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I), about
 * 117 bits from a {@link java.security.SecureRandom}; nothing in it needs quoting or encoding.
 */
public final class GeneratedPassword {
  static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  static final int LENGTH = 20;

  private GeneratedPassword() {}

  public static String of(Random random) {
    StringBuilder out = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
