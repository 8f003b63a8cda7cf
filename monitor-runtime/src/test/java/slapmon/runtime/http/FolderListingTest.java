package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import slapmon.runtime.http.dashboard.DashboardAssets;

/** The listing page itself: every name escaped where it appears, a policy without script. */
final class FolderListingTest {
  private static final String STYLE = "body { color: #1f2328; }";
  private static final Instant DATE = Instant.parse("2026-11-24T10:00:00.750Z");

  private static StableListing.Entry file(String name, long size) {
    return new StableListing.Entry(name, false, OptionalLong.of(size), Optional.of(DATE));
  }

  @Test
  void hostile_names_are_escaped_in_text_and_encoded_in_links() throws IOException {
    StableListing listing = new StableListing(List.of(
        file("<img src=x onerror=alert(1)>", 0),
        file("x' onmouseover='alert(1)", 1536),
        file("\"><script>alert(1)</script>", 3L << 20),
        file("javascript:alert(1)", 7),
        new StableListing.Entry("dir & co", true, OptionalLong.empty(), Optional.of(DATE)),
        new StableListing.Entry("not-yet.log", false, OptionalLong.empty(), Optional.empty())),
        0);
    StringWriter page = new StringWriter();

    new FolderListing(STYLE).write(page, "/public/<b>'x'/", "", true, listing);

    String time = "2026-11-24 10:00:00";
    assertThat(page.toString()).isEqualTo("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        + "<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>Index of /public/&lt;b&gt;&#39;x&#39;/</title>\n"
        + "<style>" + STYLE + "</style>\n</head>\n<body>\n"
        + "<h1>Index of /public/&lt;b&gt;&#39;x&#39;/</h1>\n"
        + "<table>\n<thead><tr><th>Name</th><th>Size</th><th>Modified (UTC)</th></tr></thead>\n"
        + "<tbody>\n"
        + row("../", "../", "", "")
        + row("%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E",
            "&lt;img src=x onerror=alert(1)&gt;", "0 B", time)
        + row("x%27%20onmouseover%3D%27alert%281%29", "x&#39; onmouseover=&#39;alert(1)",
            "1.5 KiB", time)
        + row("%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E",
            "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "3.0 MiB", time)
        + row("javascript%3Aalert%281%29", "javascript:alert(1)", "7 B", time)
        + row("dir%20%26%20co/", "dir &amp; co/", "", time)
        + row("not-yet.log", "not-yet.log", "", "")
        + "</tbody>\n</table>\n</body>\n</html>\n");
  }

  private static String row(String href, String name, String size, String modified) {
    return "<tr><td><a href=\"" + href + "\">" + name + "</a><td>" + size + "<td>" + modified
        + "\n";
  }

  @Test
  void links_start_with_the_base_given_escaped() throws IOException {
    StringWriter page = new StringWriter();
    StableListing listing = new StableListing(List.of(file("a b", 1)), 0);

    new FolderListing(STYLE).write(page, "/share/x&y/", "/share/x&y/", true, listing);

    assertThat(page.toString())
        .contains(row("/share/x&amp;y/../", "../", "", ""))
        .contains("<a href=\"/share/x&amp;y/a%20b\">a b</a>");
  }

  @Test
  void names_beyond_the_limit_are_counted_in_a_line_of_their_own() throws IOException {
    StringWriter page = new StringWriter();

    new FolderListing(STYLE).write(page, "/public/", "", false, new StableListing(List.of(), 2000));

    assertThat(page.toString()).contains("<tbody>\n</tbody>\n</table>\n"
        + "<p class=\"muted\">2000 more entries not listed: only the first 10000 by name are.</p>\n"
        + "</body>");
  }

  @Test
  void sizes_are_what_the_pattern_formatter_writes() {
    Random random = new Random(19);
    for (int i = 0; i < 20_000; i++) {
      long bytes = i < 3000 ? i * 1000L : (long) Math.pow(2, random.nextDouble() * 52);
      assertThat(FolderListing.size(new StringBuilder(), bytes).toString()).as("%d", bytes)
          .isEqualTo(formatted(bytes));
    }
    for (long bytes : new long[] {1023, 1024, 1535, 1536, 1048575, 1048576, 1L << 40,
        Long.MAX_VALUE / 10, Long.MAX_VALUE}) {
      assertThat(FolderListing.size(new StringBuilder(), bytes).toString()).as("%d", bytes)
          .isEqualTo(formatted(bytes));
    }
  }

  /** What the listing wrote with {@code String.format} before. */
  private static String formatted(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  @Test
  void the_listing_style_sheet_is_small_and_has_the_dashboard_look() {
    String style = DashboardAssets.listingStyleSheet();

    assertThat(style.getBytes(StandardCharsets.UTF_8).length).isLessThan(1500);
    assertThat(style).contains("max-width:1200px").contains("@media (max-width:640px)");
  }

  @Test
  void the_policy_allows_no_script_and_only_the_inlined_style() throws Exception {
    String hash = Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(STYLE.getBytes(StandardCharsets.UTF_8)));

    assertThat(new FolderListing(STYLE).policy()).isEqualTo("default-src 'none';"
        + " style-src 'sha256-" + hash + "'; base-uri 'none'; form-action 'none';"
        + " frame-ancestors 'none'");
  }
}
