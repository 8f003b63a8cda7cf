package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A listing page given again only while its folder's entries are what it shows. */
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

    assertThat(pages.page(new RenderedPages.Key(folder.resolve("f0"), "t", "", false), empty))
        .isEmpty();
    assertThat(pages.page(new RenderedPages.Key(folder.resolve("f1"), "t", "", false), empty))
        .isPresent();
    assertThat(pages.page(large, empty)).isEmpty();
  }
}
