package slapmon.runtime.http;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last listing page rendered for each of a few folders, given again while what it shows is the
 * same: the folder's listed entries (names, types, sizes, dates to the nanosecond), the heading
 * and the links. The folder is still read and each entry stat'ed on every request (as Apache
 * does), so a page is never stale; only the rendering (escaping, encoding, dates, sizes of every
 * row: most of a listing's own CPU) is saved. Bounded: {@link #FOLDERS} pages of at most {@link
 * #MAX_PAGE_BYTES} bytes each.
 */
final class RenderedPages {
  static final int FOLDERS = 16;
  static final int MAX_PAGE_BYTES = 256 * 1024;

  /** What a page depends on besides the entries. */
  record Key(Path folder, String title, String base, boolean withParent) {
    // Written out, as StableListing.Entry's: no method handles made at the first listing.
    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && withParent == that.withParent
          && folder.equals(that.folder)
          && Objects.equals(title, that.title)
          && Objects.equals(base, that.base);
    }

    @Override
    public int hashCode() {
      return folder.hashCode();
    }
  }

  private record Page(StableListing listing, byte[] bytes) {}

  private final Map<Key, Page> pages =
      new LinkedHashMap<>(FOLDERS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Page> eldest) {
          return size() > FOLDERS;
        }
      };

  /** The page rendered for {@code key} when it showed exactly {@code listing}. */
  synchronized Optional<byte[]> page(Key key, StableListing listing) {
    Page page = pages.get(key);
    return page != null && page.listing().equals(listing)
        ? Optional.of(page.bytes())
        : Optional.empty();
  }

  /** Keeps {@code bytes} as the page of {@code key} showing {@code listing}, unless too large. */
  synchronized void keep(Key key, StableListing listing, byte[] bytes) {
    if (bytes.length <= MAX_PAGE_BYTES) {
      pages.put(key, new Page(listing, bytes));
    } else {
      pages.remove(key);
    }
  }
}
