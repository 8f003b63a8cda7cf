package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.http.RenderedPages.Seen;

/**
 * A listing page given again only while its folder's entries are what it shows: after a read of
 * them, or, vouched for by the folder's watch, without.
 */
final class RenderedPagesTest {
  private static final Instant DATE = Instant.parse("2026-11-24T10:00:00Z");
  @TempDir Path folder;
  private final FolderListing listing = new FolderListing("body {}");

  private RenderedPages.Key key() {
    return new RenderedPages.Key(folder, "/public/", "", false);
  }

  private byte[] page() throws IOException {
    return listing.page(key(), StableListing.read(folder, StableListing.MAX_ENTRIES, real -> true));
  }

  private static String text(byte[] page) {
    return new String(page, StandardCharsets.UTF_8);
  }

  private Path file(String name, String content, Instant modified) throws IOException {
    Path file = Files.writeString(folder.resolve(name), content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  @Test
  void an_unchanged_folder_gives_the_page_rendered_before() throws IOException {
    file("a.json", "{}", DATE);

    byte[] first = page();

    assertThat(page()).isSameAs(first);
    assertThat(text(first)).contains("<a href=\"a.json\">a.json</a><td>2 B<td>2026-11-24 10:00:00");
  }

  @Test
  void a_file_replaced_with_another_size_or_date_is_shown_as_it_is_now() throws IOException {
    file("a.json", "{}", DATE);
    byte[] before = page();

    file("a.json", "{\"x\":1}", DATE); // same date, other size
    byte[] resized = page();
    file("a.json", "{\"x\":2}", DATE.plusSeconds(3600)); // same size, other date
    byte[] redated = page();
    file("a.json", "{\"x\":3}", DATE.plusSeconds(3600).plusNanos(1_000_000)); // within the second
    byte[] touched = page();

    assertThat(text(before)).contains("a.json</a><td>2 B<td>2026-11-24 10:00:00");
    assertThat(text(resized)).contains("a.json</a><td>7 B<td>2026-11-24 10:00:00");
    assertThat(text(redated)).contains("a.json</a><td>7 B<td>2026-11-24 11:00:00");
    assertThat(touched).isNotSameAs(redated).isEqualTo(redated);
  }

  @Test
  void a_file_added_or_removed_is_shown_at_once() throws IOException {
    file("a.json", "{}", DATE);
    page();

    Path added = file("b.json", "{}", DATE);
    String withB = text(page());
    Files.delete(added);
    Files.delete(folder.resolve("a.json"));
    String empty = text(page());

    assertThat(withB).contains("a.json</a>").contains("b.json</a>");
    assertThat(empty).doesNotContain("a.json").doesNotContain("b.json");
  }

  @Test
  void the_heading_and_links_are_part_of_what_is_kept() throws IOException {
    file("a.json", "{}", DATE);
    StableListing entries = StableListing.read(folder, StableListing.MAX_ENTRIES, real -> true);

    byte[] plain = listing.page(key(), entries);
    byte[] other = listing.page(new RenderedPages.Key(folder, "/share/x/", "/share/x/", true),
        entries);

    assertThat(text(other)).contains("Index of /share/x/").contains("href=\"/share/x/a.json\"");
    assertThat(text(plain)).doesNotContain("/share/x/");
    assertThat(listing.page(key(), entries)).isSameAs(plain);
  }

  @Test
  void few_pages_are_kept_and_none_too_large() {
    RenderedPages pages = new RenderedPages();
    StableListing empty = new StableListing(List.of(), 0);
    for (int i = 0; i <= RenderedPages.FOLDERS; i++) {
      RenderedPages.Key key = new RenderedPages.Key(folder.resolve("f" + i), "t", "", false);
      pages.keep(key, empty, new byte[1]);
    }
    RenderedPages.Key large = new RenderedPages.Key(folder, "t", "", false);
    pages.keep(large, empty, new byte[RenderedPages.MAX_PAGE_BYTES + 1]);

    assertThat(pages.page(new RenderedPages.Key(folder.resolve("f0"), "t", "", false), empty,
        Seen.UNSEEN)).isEmpty();
    assertThat(pages.page(new RenderedPages.Key(folder.resolve("f1"), "t", "", false), empty,
        Seen.UNSEEN)).isPresent();
    assertThat(pages.page(large, empty, Seen.UNSEEN)).isEmpty();
  }

  // --- Pages vouched for by the folder's watch: given with no read of the folder ---------------

  private final FolderWatches watches = new FolderWatches();
  private final RenderedPages vouching = new RenderedPages(watches);

  @AfterEach
  void closeWatches() throws IOException {
    watches.close();
  }

  private static RenderedPages.Key key(Path dir) {
    return new RenderedPages.Key(dir, "/x/", "", false);
  }

  private static BasicFileAttributes stat(Path dir) throws IOException {
    return Files.readAttributes(dir, BasicFileAttributes.class);
  }

  /** One request as FolderListing.send makes it: the time, the folder's stat, its read. */
  private String listed(Path dir) throws IOException {
    Instant before = Instant.now();
    Seen seen = vouching.seen(dir, stat(dir), before);
    StableListing read = StableListing.read(dir, StableListing.MAX_ENTRIES, real -> true);
    Optional<byte[]> again = vouching.page(key(dir), read, seen);
    if (again.isPresent()) {
      return text(again.get());
    }
    byte[] rendered = read.entries().toString().getBytes(StandardCharsets.UTF_8);
    vouching.keep(key(dir), read, rendered);
    return text(rendered);
  }

  /** The page given with no read, as the I/O thread asks for it. */
  private Optional<String> unchanged(Path dir) throws IOException {
    return vouching.unchanged(key(dir), stat(dir))
        .map(bytes -> StandardCharsets.UTF_8.decode(bytes).toString());
  }

  /**
   * A folder of two files whose own date is long past, listed until its page is vouched for: that
   * page. (A notice read late, of a change made here once the folder is watched, takes the vouch
   * back: listed again then. Hence the page as vouched, not a look afterwards.)
   */
  private String vouchedFolder() throws IOException {
    for (String name : List.of("a.json", "b.json")) {
      if (!Files.exists(folder.resolve(name))) {
        file(name, "{}", DATE);
      }
    }
    Files.setLastModifiedTime(folder, FileTime.from(DATE));
    Optional<String> vouched = Optional.empty();
    // Vouched for at the third listing (read; read again and watched; read at count 0).
    for (int i = 0; i < 500 && (vouched = unchanged(folder)).isEmpty(); i++) {
      listed(folder);
      if (i > 3) {
        LockSupport.parkNanos(2_000_000);
      }
    }
    assertThat(vouched).as("vouched for").isPresent();
    return vouched.get();
  }

  @Test
  void a_folder_listed_again_unchanged_is_given_without_a_read() throws IOException {
    String vouched = vouchedFolder();

    assertThat(vouched).isEqualTo(listed(folder)).contains("a.json").contains("b.json");
    assertThat(vouching.watched(folder, stat(folder).fileKey())).isTrue();
  }

  @Test
  void a_file_added_renamed_or_removed_is_seen_by_the_next_request() throws IOException {
    Path dir = folder;
    vouchedFolder();
    file("c.json", "{}", DATE);
    Optional<String> afterAdd = unchanged(dir);
    String added = listed(dir);

    vouchedFolder();
    Files.move(dir.resolve("c.json"), dir.resolve("d.json"));
    Optional<String> afterRename = unchanged(dir);
    String renamed = listed(dir);

    vouchedFolder();
    Files.delete(dir.resolve("d.json"));
    Optional<String> afterRemove = unchanged(dir);
    String removed = listed(dir);

    assertThat(afterAdd).isEmpty();
    assertThat(added).contains("c.json");
    assertThat(afterRename).isEmpty();
    assertThat(renamed).contains("d.json").doesNotContain("c.json");
    assertThat(afterRemove).isEmpty();
    assertThat(removed).doesNotContain("d.json");
  }

  @Test
  void a_file_rewritten_in_place_is_seen_once_its_notice_is_read() throws IOException {
    Path dir = folder;
    vouchedFolder();
    BasicFileAttributes folderBefore = stat(dir);

    // Same name, other size, its date put back: the folder's own date does not move.
    Files.writeString(dir.resolve("a.json"), "{\"rewritten\":true}");
    Files.setLastModifiedTime(dir.resolve("a.json"), FileTime.from(DATE));
    for (int polls = 0; polls < 2_000 && unchanged(dir).isPresent(); polls++) {
      LockSupport.parkNanos(5_000_000); // the watch service's thread, reading the notice
    }

    assertThat(stat(dir).lastModifiedTime()).isEqualTo(folderBefore.lastModifiedTime());
    assertThat(unchanged(dir)).isEmpty();
    assertThat(listed(dir)).contains("size=OptionalLong[18]");
  }

  @Test
  void a_folder_changed_moments_ago_is_read_at_every_request() throws IOException {
    file("a.json", "{}", DATE);
    // Dated later than now, so never QUIET however slow the listings below: a change within the
    // same tick of the clock as its date would leave that date as it is.
    Files.setLastModifiedTime(folder, FileTime.from(Instant.now().plusSeconds(3600)));
    for (int i = 0; i < 5; i++) {
      listed(folder);
    }

    assertThat(unchanged(folder)).isEmpty();
  }

  @Test
  void a_folder_with_a_subfolder_or_a_symlink_is_read_at_every_request() throws IOException {
    Path withFolder = Files.createDirectories(folder.resolve("with-folder"));
    Files.createDirectories(withFolder.resolve("sub"));
    Path withLink = Files.createDirectories(folder.resolve("with-link"));
    Files.createSymbolicLink(withLink.resolve("link.json"), file("target.json", "{}", DATE));
    for (Path dir : List.of(withFolder, withLink)) {
      Files.setLastModifiedTime(dir, FileTime.from(DATE));
      for (int i = 0; i < 5; i++) {
        listed(dir);
      }
    }

    assertThat(unchanged(withFolder)).isEmpty();
    assertThat(unchanged(withLink)).isEmpty();
    assertThat(watches.watched()).isZero();
  }

  @Test
  void another_folder_renamed_into_its_place_is_not_the_one_watched() throws IOException {
    Path dir = Files.createDirectories(folder.resolve("dir"));
    Files.writeString(dir.resolve("a.json"), "{}");
    Path twin = Files.createDirectories(folder.resolve("twin"));
    Files.writeString(twin.resolve("a.json"), "{\"other\":1}");
    Files.setLastModifiedTime(dir, FileTime.from(DATE));
    Optional<String> vouched = Optional.empty();
    for (int i = 0; i < 10 && (vouched = unchanged(dir)).isEmpty(); i++) {
      listed(dir); // no notices: everything above was done before the watch began
    }

    Files.move(dir, folder.resolve("old"));
    Files.move(twin, dir);
    Files.setLastModifiedTime(dir, FileTime.from(DATE));

    assertThat(vouched).isPresent();
    assertThat(unchanged(dir)).isEmpty();
    assertThat(listed(dir)).contains("size=OptionalLong[11]");
  }

  @Test
  void no_more_folders_are_watched_than_pages_are_kept() throws IOException {
    for (int i = 0; i < RenderedPages.FOLDERS + 8; i++) {
      Path dir = Files.createDirectories(folder.resolve("f" + i));
      Files.writeString(dir.resolve("a.json"), "{}");
      Files.setLastModifiedTime(dir, FileTime.from(DATE));
      for (int times = 0; times < 3; times++) {
        listed(dir);
      }
      assertThat(watches.watched()).isLessThanOrEqualTo(FolderWatches.MAX_WATCHED);
    }
    Path last = folder.resolve("f" + (RenderedPages.FOLDERS + 7));

    assertThat(unchanged(last)).isPresent(); // the oldest pages' watches made way for it
    assertThat(unchanged(folder.resolve("f0"))).isEmpty();
  }

  @Test
  void watches_are_bounded_and_a_folder_over_the_bound_is_not_watched() throws IOException {
    FolderWatches bounded = new FolderWatches();
    try {
      for (int i = 0; i <= FolderWatches.MAX_WATCHED; i++) {
        Path dir = Files.createDirectories(folder.resolve("w" + i));
        boolean watched = bounded.watch(dir, stat(dir).fileKey());
        assertThat(watched).as("folder %d", i).isEqualTo(i < FolderWatches.MAX_WATCHED);
      }
      Path over = folder.resolve("w" + FolderWatches.MAX_WATCHED);
      assertThat(bounded.changes(over, stat(over).fileKey())).isEqualTo(FolderWatches.NOT_WATCHED);

      bounded.forget(folder.resolve("w0"));

      assertThat(bounded.watch(over, stat(over).fileKey())).isTrue();
      assertThat(bounded.changes(over, stat(over).fileKey())).isZero();
    } finally {
      bounded.close();
    }
  }
}
