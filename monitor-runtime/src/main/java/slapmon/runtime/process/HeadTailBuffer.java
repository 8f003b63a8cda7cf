package slapmon.runtime.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One output stream kept within a cap as its first and last half-cap of bytes with an exact count
 * of those dropped between; thread-safe, so the text can be taken while bytes are still appended.
 */
final class HeadTailBuffer {
  private static final int INITIAL_HEAD = 256;

  private final int headLimit;
  private final int tailLimit;
  private byte[] head;
  private int headSize;
  private byte[] tail; // a ring, allocated once the head is full
  private int tailStart;
  private int tailSize;
  private long total;

  HeadTailBuffer(int cap) {
    if (cap < 2) {
      throw new IllegalArgumentException("cap must be at least 2 bytes, got " + cap);
    }
    this.headLimit = cap / 2;
    this.tailLimit = cap - headLimit;
    this.head = new byte[Math.min(INITIAL_HEAD, headLimit)];
  }

  synchronized void append(byte[] bytes, int offset, int length) {
    total += length;
    int toHead = Math.min(length, headLimit - headSize);
    if (toHead > 0) {
      if (headSize + toHead > head.length) {
        head =
            Arrays.copyOf(head, Math.min(headLimit, Math.max(head.length * 2, headSize + toHead)));
      }
      System.arraycopy(bytes, offset, head, headSize, toHead);
      headSize += toHead;
    }
    if (length > toHead) {
      appendToTail(bytes, offset + toHead, length - toHead);
    }
  }

  private void appendToTail(byte[] bytes, int offset, int length) {
    if (tail == null) {
      tail = new byte[tailLimit];
    }
    if (length >= tailLimit) {
      System.arraycopy(bytes, offset + length - tailLimit, tail, 0, tailLimit);
      tailStart = 0;
      tailSize = tailLimit;
      return;
    }
    int write = (tailStart + tailSize) % tailLimit;
    int first = Math.min(length, tailLimit - write);
    System.arraycopy(bytes, offset, tail, write, first);
    System.arraycopy(bytes, offset + first, tail, 0, length - first);
    int size = tailSize + length;
    if (size > tailLimit) {
      tailStart = (tailStart + size - tailLimit) % tailLimit;
      size = tailLimit;
    }
    tailSize = size;
  }

  /** The output so far, decoded as UTF-8 with malformed input replaced by U+FFFD. */
  synchronized String text() {
    byte[] end = orderedTail();
    long omitted = total - headSize - end.length;
    if (omitted == 0) {
      byte[] all = Arrays.copyOf(head, headSize + end.length);
      System.arraycopy(end, 0, all, headSize, end.length);
      return decode(all, 0, all.length);
    }
    // Cut at character boundaries so that a character split by the gap leaves no replacement char.
    int headEnd = boundaryBefore(head, headSize);
    int tailBegin = boundaryAfter(end);
    omitted += (headSize - headEnd) + tailBegin;
    return decode(head, 0, headEnd) + marker(omitted) + decode(end, tailBegin, end.length);
  }

  static String marker(long omitted) {
    return "\n[... " + String.format(Locale.ROOT, "%,d", omitted) + " bytes omitted ...]\n";
  }

  private byte[] orderedTail() {
    byte[] ordered = new byte[tailSize];
    int first = Math.min(tailSize, tailLimit - tailStart);
    if (tailSize > 0) {
      System.arraycopy(tail, tailStart, ordered, 0, first);
      System.arraycopy(tail, 0, ordered, first, tailSize - first);
    }
    return ordered;
  }

  /** Where the last complete character before {@code end} ends: a cut lead sequence is dropped. */
  private static int boundaryBefore(byte[] bytes, int end) {
    int lead = end - 1;
    while (lead >= 0 && end - lead < 4 && isContinuation(bytes[lead])) {
      lead--;
    }
    if (lead < 0 || (bytes[lead] & 0xC0) != 0xC0) {
      return end; // ASCII, or not UTF-8 anyway: nothing was cut
    }
    int length = (bytes[lead] & 0xF0) == 0xF0 ? 4 : (bytes[lead] & 0xE0) == 0xE0 ? 3 : 2;
    return end - lead < length ? lead : end;
  }

  /** Where the first character starting at or after the beginning of {@code bytes} starts. */
  private static int boundaryAfter(byte[] bytes) {
    int start = 0;
    while (start < bytes.length && start < 3 && isContinuation(bytes[start])) {
      start++;
    }
    return start;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  private static String decode(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }
}
