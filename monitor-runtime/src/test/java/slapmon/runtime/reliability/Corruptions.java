package slapmon.runtime.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Ways a file can be found broken: cut short by a crash of another tool, overwritten with noise,
 * edited by hand into the wrong shape, or hostile (deep nesting, huge values, invalid UTF-8).
 * Each takes the valid content the file would have and returns what is written instead.
 */
final class Corruptions {
  record Corruption(String name, Function<byte[], byte[]> apply) {}

  private Corruptions() {}

  static List<Corruption> all(long seed) {
    Random random = new Random(seed);
    return List.of(
        new Corruption("empty", valid -> new byte[0]),
        new Corruption("truncated", valid -> Arrays.copyOf(valid, valid.length / 2)),
        new Corruption("last byte missing", valid -> Arrays.copyOf(valid, Math.max(0, valid.length - 1))),
        new Corruption("random bytes", valid -> randomBytes(random, 4096)),
        new Corruption("NUL bytes", valid -> new byte[1024]),
        new Corruption("array instead of object", valid -> ascii("[1, 2, 3]")),
        new Corruption("fields of the wrong type", valid -> ascii(
            "{\"date\": \"yesterday\", \"data\": {\"a\": 1}, \"status\": 7, \"title\": [],"
                + " \"change-time\": \"soon\", \"start-date\": null}")),
        new Corruption("deep nesting", valid -> ascii("[".repeat(200_000))),
        new Corruption("huge string", valid -> ascii(
            "{\"status\": \"OK\", \"title\": \"x\", \"message\": \"" + "x".repeat(8 << 20) + "\"}")),
        new Corruption("invalid UTF-8", valid -> concat(
            ascii("{\"status\": \"OK\", \"title\": \""), new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3},
            ascii("\", \"change-time\": 1.5}"))),
        new Corruption("garbage after the document", valid -> concat(valid, ascii("}}]] trailing"))),
        new Corruption("XML instead of JSON", valid -> ascii("<?xml version=\"1.0\"?><a>&unknown;</a>")));
  }

  private static byte[] randomBytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
