package slapmon.runtime.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads that read or write big files keep no direct buffer of that size once {@link Main} is
 * loaded. Each case is a fresh JVM ({@link Probe}), because the JDK reads the limit once, at the
 * first such I/O, and this test JVM has done I/O long before.
 */
final class DirectBufferCacheTest {
  private static final int FILE_SIZE = 8 << 20;

  @TempDir Path dir;

  @Test
  void threads_keep_no_big_direct_buffer_once_main_is_loaded() throws Exception {
    assertThat(directBytesKept(true)).isLessThan(1 << 20);
  }

  @Test
  void without_main_the_jdk_keeps_one_per_thread() throws Exception {
    // The control: what the probe measures is the cache the limit removes.
    assertThat(directBytesKept(false)).isGreaterThanOrEqualTo(4L * FILE_SIZE);
  }

  private long directBytesKept(boolean loadMain) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Probe.class.getName());
    command.add(dir.toString());
    command.add(String.valueOf(loadMain));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return Long.parseLong(output.strip().lines().reduce((a, b) -> b).orElseThrow());
  }

  /** Four threads each write and read an 8 MiB file through a heap buffer, and stay alive. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      if (Boolean.parseBoolean(args[1])) {
        Class.forName(Main.class.getName());
      }
      Path dir = Path.of(args[0]);
      List<Thread> threads = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(4);
      CountDownLatch end = new CountDownLatch(1);
      for (int i = 0; i < 4; i++) {
        Path file = dir.resolve("file-" + i);
        Thread thread =
            new Thread(
                () -> {
                  try (FileChannel channel =
                      FileChannel.open(
                          file,
                          StandardOpenOption.CREATE,
                          StandardOpenOption.WRITE,
                          StandardOpenOption.READ)) {
                    channel.write(ByteBuffer.wrap(new byte[FILE_SIZE]));
                    channel.read(ByteBuffer.allocate(FILE_SIZE), 0);
                    done.countDown();
                    end.await();
                  } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        thread.start();
        threads.add(thread);
      }
      done.await();
      long kept =
          ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
              .filter(pool -> pool.getName().equals("direct"))
              .mapToLong(BufferPoolMXBean::getMemoryUsed)
              .sum();
      end.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      System.out.println(kept);
    }
  }
}
