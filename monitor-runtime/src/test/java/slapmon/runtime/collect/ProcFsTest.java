package slapmon.runtime.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource collect reads a process whatever bytes its name holds. */
final class ProcFsTest {
  @TempDir Path root;

  @Test
  void a_process_whose_name_is_not_utf8_is_read() throws Exception {
    Path process = Files.createDirectories(root.resolve("4242"));
    byte[] name = {'b', 'a', 'd', (byte) 0xff, ')', ' ', 'x'};
    Files.write(process.resolve("status"), concat(ascii("Name:\t"), name,
        ascii("\nUid:\t1000\t1000\t1000\t1000\nVmRSS:\t  2048 kB\n")));
    Files.write(process.resolve("stat"), concat(ascii("4242 ("), name,
        ascii(") S 7 4242 4242 0 -1 4194560 1 2 3 4 15 16 0 0 20 0 3 0 2222 1000 200\n")));

    assertThat(new ProcFs(root).processes())
        .singleElement()
        .satisfies(reading -> {
          assertThat(reading.pid()).isEqualTo(4242);
          assertThat(reading.uid()).isEqualTo(1000);
          assertThat(reading.parent()).isEqualTo(7);
        });
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
