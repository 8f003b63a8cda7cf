package slapmon.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

final class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  @Timeout(10)
  void writes_the_content_with_mode_0644_by_default() throws IOException {
    Path target = dir.resolve("a.status.json");
    AtomicFiles.write(target, "{\"status\": \"OK\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(target).hasContent("{\"status\": \"OK\"}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  @Timeout(10)
  void gives_exactly_the_mode_asked_whatever_the_umask() throws IOException {
    Path shared = dir.resolve("shared");
    Path secret = dir.resolve("secret");
    AtomicFiles.write(shared, new byte[] {1}, PosixFilePermissions.fromString("rw-rw-rw-"));
    AtomicFiles.write(secret, new byte[] {2}, PosixFilePermissions.fromString("rw-------"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rw-rw-rw-");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
  }

  @Test
  @Timeout(10)
  void replaces_an_existing_file_and_leaves_no_temp_file() throws IOException {
    Path target = dir.resolve("feed");
    Files.writeString(target, "old content that is longer than the new one");
    AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

    assertThat(target).hasContent("new");
    assertThat(names(dir)).containsExactly("feed");
  }

  @Test
  @Timeout(10)
  void write_string_encodes_utf8() throws IOException {
    Path target = dir.resolve("title");
    AtomicFiles.writeString(target, "Mönitor ✓");

    assertThat(Files.readAllBytes(target)).isEqualTo("Mönitor ✓".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(10)
  void missing_parent_fails_naming_the_target_and_leaves_nothing() {
    Path target = dir.resolve("no-such-dir/x.json");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(target + ": could not write file: ");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  @Timeout(10)
  void failed_rename_deletes_the_temp_file_and_keeps_the_old_target_whole() throws IOException {
    // A non-empty directory cannot be replaced by a file: the write gets as far as the rename.
    Path target = dir.resolve("busy");
    Files.createDirectory(target);
    Files.writeString(target.resolve("inside"), "kept");

    assertThatThrownBy(() -> AtomicFiles.write(target, new byte[] {1}))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(target + ": could not write file: ");
    assertThat(names(dir)).containsExactly("busy");
    assertThat(target.resolve("inside")).hasContent("kept");
  }

  @Test
  @Timeout(60)
  void concurrent_readers_never_see_a_partial_file() throws Exception {
    Path target = dir.resolve("big");
    int size = 1_000_000;
    AtomicFiles.write(target, filled(size, 0));
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        readers.add(pool.submit(() -> readWhole(target, size, writing)));
      }
      Future<?> writer =
          pool.submit(
              () -> {
                try {
                  for (int round = 1; round <= 200; round++) {
                    AtomicFiles.write(target, filled(size, round));
                  }
                } finally {
                  writing.set(false);
                }
                return null;
              });
      writer.get();
      for (Future<Integer> reader : readers) {
        assertThat(reader.get()).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(Files.readAllBytes(target)).isEqualTo(filled(size, 200));
    assertThat(names(dir)).containsExactly("big");
  }

  /** Reads until the writer is done; every read must be one whole version. Returns the count. */
  private static int readWhole(Path target, int size, AtomicBoolean writing) throws IOException {
    int reads = 0;
    while (writing.get() || reads == 0) {
      byte[] seen = Files.readAllBytes(target);
      if (seen.length != size) {
        throw new AssertionError("torn read: " + seen.length + " bytes instead of " + size);
      }
      byte first = seen[0];
      for (byte b : seen) {
        if (b != first) {
          throw new AssertionError("torn read: bytes " + first + " and " + b + " in one file");
        }
      }
      reads++;
    }
    return reads;
  }

  private static byte[] filled(int size, int round) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) round);
    return bytes;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void leftovers_of_a_killed_writer_are_removed_and_nothing_else() throws Exception {
    Path leftovers = java.nio.file.Files.createDirectories(dir.resolve("leftovers"));
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    java.nio.file.Files.writeString(
        leftovers.resolve(".a.status.json.tmp-" + suffix(ended.pid())), "{\"half");
    java.nio.file.Files.writeString(leftovers.resolve("a.status.json"), "{}");
    java.nio.file.Files.writeString(leftovers.resolve(".hidden"), "kept");
    java.nio.file.Files.writeString(leftovers.resolve("notes.tmp-1"), "kept, not hidden");
    assertThat(AtomicFiles.removeLeftovers(leftovers)).isEqualTo(1);
    try (var files = java.nio.file.Files.list(leftovers)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("a.status.json", ".hidden", "notes.tmp-1");
    }
  }

  @Test
  void the_temporary_file_of_a_write_in_progress_is_left_until_its_writer_is_gone_or_it_is_stale()
      throws Exception {
    Path folder = java.nio.file.Files.createDirectories(dir.resolve("in-progress"));
    Process writer = new ProcessBuilder("sleep", "600").start();
    try {
      Path others = folder.resolve(".b.json.tmp-" + suffix(writer.pid()));
      Path ours = folder.resolve(".c.json.tmp-" + suffix(ProcessHandle.current().pid()));
      Path unnamed = folder.resolve(".d.json.tmp-1f2e3d"); // no pid: only its age tells
      for (Path file : List.of(others, ours, unnamed)) {
        java.nio.file.Files.writeString(file, "being writ");
      }
      assertThat(AtomicFiles.removeLeftovers(folder)).isZero();

      writer.destroyForcibly();
      assertThat(writer.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      java.nio.file.attribute.FileTime stale =
          java.nio.file.attribute.FileTime.from(
              java.time.Instant.now().minus(AtomicFiles.STALE_AFTER).minusSeconds(60));
      java.nio.file.Files.setLastModifiedTime(unnamed, stale);
      assertThat(AtomicFiles.removeLeftovers(folder)).isEqualTo(2);
      assertThat(others).doesNotExist();
      assertThat(unnamed).doesNotExist();
      assertThat(ours).exists();
      java.nio.file.Files.setLastModifiedTime(ours, stale);
      assertThat(AtomicFiles.removeLeftovers(folder)).isEqualTo(1);
    } finally {
      writer.destroyForcibly();
    }
  }

  @Test
  void a_write_names_its_temporary_file_after_the_writing_process() throws Exception {
    Path target = dir.resolve("named.json");
    java.util.List<String> seen = new java.util.ArrayList<>();
    AtomicFiles.write(
        target,
        out -> {
          try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).forEach(seen::add);
          }
          out.write('1');
        },
        Durability.CACHED);
    assertThat(seen)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(".named.json.tmp-" + String.format("%08x", ProcessHandle.current().pid()))
        .hasSize(".named.json.tmp-".length() + 24);
    assertThat(target).hasContent("1");
  }

  private static String suffix(long pid) {
    return String.format("%08x%016x", pid, 0x1f2e3dL);
  }
}
