package slapmon.runtime.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A writer that gathers text and hands it to a stream as UTF-8 in chunks of about {@code chunk}
 * characters: one {@link String#getBytes} per chunk, where an {@code OutputStreamWriter} runs a
 * charset encoder over every character (a listing's third of its time without C2). Memory stays
 * bounded by the chunk, whatever the length of the page. Closing it flushes and closes the stream.
 */
final class Utf8Chunks extends Writer {
  private final OutputStream out;
  private final int chunk;
  private final StringBuilder pending;

  Utf8Chunks(OutputStream out, int chunk) {
    this.out = out;
    this.chunk = chunk;
    this.pending = new StringBuilder(chunk + 1024);
  }

  @Override
  public void write(String text) throws IOException {
    pending.append(text);
    drainIfFull();
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    pending.append(chars, offset, length);
    drainIfFull();
  }

  private void drainIfFull() throws IOException {
    if (pending.length() >= chunk) {
      drain();
    }
  }

  private void drain() throws IOException {
    int end = pending.length();
    if (end > 0 && Character.isHighSurrogate(pending.charAt(end - 1))) {
      end--; // a pair split between two writes: its low half comes with the next
    }
    out.write(pending.substring(0, end).getBytes(StandardCharsets.UTF_8));
    pending.delete(0, end);
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
    pending.setLength(0);
    out.close();
  }
}
