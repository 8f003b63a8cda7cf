package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.StableListing.Entry;

/**
 * What a folder listing holds: a status file replaced (or a retired promise's file removed)
 * between the moment a folder is read and the moment its entries' sizes are read is left out
 * (Undertow's listing failed with 500); the window is made certain here. Hidden names, symlinks
 * out of the reachable folders and the entries beyond the limit are not listed.
 */
final class StableListingTest {
  @TempDir Path dir;

  @Test
  void entries_and_listings_are_equal_only_when_every_field_is() {
    Instant date = Instant.parse("2026-12-07T10:00:00.000000001Z");
    Entry entry = new Entry("a.json", false, OptionalLong.of(3), Optional.of(date));
    assertThat(entry)
        .isEqualTo(new Entry("a.json", false, OptionalLong.of(3), Optional.of(date)))
        .hasSameHashCodeAs(new Entry("a.json", false, OptionalLong.of(3), Optional.of(date)))
        .isNotEqualTo(new Entry("b.json", false, OptionalLong.of(3), Optional.of(date)))
        .isNotEqualTo(new Entry("a.json", true, OptionalLong.of(3), Optional.of(date)))
        .isNotEqualTo(new Entry("a.json", false, OptionalLong.of(4), Optional.of(date)))
        .isNotEqualTo(new Entry("a.json", false, OptionalLong.of(3), Optional.of(date.plusNanos(1))))
        .isNotEqualTo(new Entry("a.json", false, OptionalLong.empty(), Optional.empty()));
    StableListing listing = new StableListing(List.of(entry), 0);
    assertThat(listing)
        .isEqualTo(new StableListing(List.of(entry), 0))
        .hasSameHashCodeAs(new StableListing(List.of(entry), 0))
        .isNotEqualTo(new StableListing(List.of(entry), 1))
        .isNotEqualTo(new StableListing(List.of(), 0));
  }

  @Test
  void an_entry_removed_after_the_folder_was_read_is_left_out() throws IOException {
    Files.writeString(dir.resolve("kept.status.json"), "{}");
    Path gone = Files.writeString(dir.resolve("gone.status.json"), "{}");
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    Iterable<Path> thenRemoved = () -> {
      try {
        Files.delete(gone);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return children.iterator();
    };

    StableListing listing = StableListing.read(dir, thenRemoved, 10, path -> true);

    assertThat(listing.entries()).extracting(StableListing.Entry::name)
        .containsExactly("kept.status.json");
    assertThat(listing.notListed()).isZero();
  }

  @Test
  void entries_are_sorted_with_their_size_and_date_and_hidden_names_are_left_out()
      throws IOException {
    Instant date = Instant.parse("2026-11-24T10:00:00Z");
    Files.setLastModifiedTime(Files.writeString(dir.resolve("b.json"), "12345"),
        FileTime.from(date));
    Files.setLastModifiedTime(Files.createDirectory(dir.resolve("a-folder")), FileTime.from(date));
    Files.writeString(dir.resolve(".b.json.tmp-1a2b"), "{\"half\":");
    Files.createDirectory(dir.resolve(".jio_documents"));

    assertThat(StableListing.read(dir, 10, path -> true).entries()).containsExactly(
        new StableListing.Entry("a-folder", true, OptionalLong.empty(), Optional.of(date)),
        new StableListing.Entry("b.json", false, OptionalLong.of(5), Optional.of(date)));
  }

  @Test
  void a_dangling_link_is_listed_bare_and_a_link_out_of_the_reachable_folders_not_at_all()
      throws IOException {
    Path folder = Files.createDirectory(dir.resolve("public"));
    Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(folder.resolve("escape"), outside);
    Files.createSymbolicLink(folder.resolve("not-yet.log"), dir.resolve("not-yet.log"));
    Path realFolder = folder.toRealPath();

    assertThat(StableListing.read(folder, 10, real -> real.startsWith(realFolder)).entries())
        .containsExactly(
            new StableListing.Entry("not-yet.log", false, OptionalLong.empty(), Optional.empty()));
  }

  @Test
  void the_folder_read_through_its_open_directory_lists_what_its_paths_show() throws IOException {
    // A served folder reached through a symlink, as the WebDAV tree's public/ is.
    Path real = Files.createDirectory(dir.resolve("real"));
    Path folder = Files.createSymbolicLink(dir.resolve("public"), real);
    Files.setLastModifiedTime(Files.writeString(real.resolve("b.json"), "12345"),
        FileTime.from(Instant.parse("2026-11-24T10:00:00.123456789Z")));
    Files.createDirectory(real.resolve("a-folder"));
    Files.writeString(real.resolve("été.log"), "non-ASCII name");
    Files.writeString(real.resolve(".hidden"), "");
    Files.createSymbolicLink(real.resolve("link-in"), real.resolve("b.json"));
    Files.createSymbolicLink(real.resolve("link-out"), Files.writeString(dir.resolve("x"), ""));
    Files.createSymbolicLink(real.resolve("dangling"), dir.resolve("none"));
    Path realFolder = real.toRealPath();
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      stream.forEach(children::add);
    }

    StableListing opened = StableListing.read(folder, 10, path -> path.startsWith(realFolder));

    assertThat(opened)
        .isEqualTo(StableListing.read(folder, children, 10, path -> path.startsWith(realFolder)));
    assertThat(opened.entries()).extracting(StableListing.Entry::name)
        .containsExactly("a-folder", "b.json", "dangling", "link-in", "été.log");
    assertThat(opened.entries().get(3).size()).hasValue(5);
  }

  @Test
  void only_the_first_names_up_to_the_limit_are_kept_and_the_rest_counted() throws IOException {
    for (int i = 25; i > 0; i--) {
      Files.writeString(dir.resolve(String.format("f%02d", i)), "");
    }

    StableListing listing = StableListing.read(dir, 10, path -> true);

    assertThat(listing.entries()).extracting(StableListing.Entry::name)
        .containsExactly("f01", "f02", "f03", "f04", "f05", "f06", "f07", "f08", "f09", "f10");
    assertThat(listing.notListed()).isEqualTo(15);
  }

  @Test
  void three_hundred_thousand_long_names_are_listed_in_a_32_mib_heap() throws Exception {
    // Held at once, the names alone would take some 75 MB: the probe's heap allows 32 MiB.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java,
        "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        ManyNames.class.getName(), dir.toString(), "300000",
        String.valueOf(StableListing.MAX_ENTRIES));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.strip()).isEqualTo("not listed: " + (300_000 - StableListing.MAX_ENTRIES));
  }

  /**
   * Lists a folder of that many names of 200 characters (that do not exist: only names count),
   * keeping at most the limit given.
   */
  public static final class ManyNames {
    public static void main(String[] args) {
      Path folder = Path.of(args[0]);
      int count = Integer.parseInt(args[1]);
      String padding = "x".repeat(192);
      Iterable<Path> children = () -> IntStream.range(0, count)
          .mapToObj(i -> folder.resolve(String.format("%08d", count - i) + padding)).iterator();
      StableListing listing =
          StableListing.read(folder, children, Integer.parseInt(args[2]), path -> true);
      System.out.println("not listed: " + listing.notListed());
    }
  }
}
