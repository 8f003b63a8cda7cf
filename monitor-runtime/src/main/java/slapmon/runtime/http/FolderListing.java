package slapmon.runtime.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import slapmon.runtime.http.dashboard.DashboardAssets;
import slapmon.runtime.xml.XmlText;

/**
 * The HTML listing of a served folder, in the dashboard's style: a table of name, size and date,
 * sorted by name, at most {@link StableListing#MAX_ENTRIES} rows and a line counting the rest;
 * the page of a folder whose entries did not change is given again ({@link RenderedPages}). File
 * names come from anyone who can write a file there (a promise's name, a path-list folder, a
 * WebDAV client): every one is percent-encoded in its link and HTML-escaped wherever it appears,
 * and the page's policy allows no script at all and only its own style.
 */
public final class FolderListing {
  private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final int WRITE_BUFFER = 16 * 1024;
  /** A folder of more entries is written as it goes, neither held whole nor kept rendered. */
  static final int RENDERED_ENTRIES = 1_000;

  private final String style;
  private final String policy;
  private final RenderedPages pages = new RenderedPages();

  /** @param style the page's whole style sheet, inlined and allowed by its hash */
  public FolderListing(String style) {
    this.style = style;
    this.policy = "default-src 'none'; style-src 'sha256-" + sha256(style) + "';"
        + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  /** A listing drawn in the dashboard's colours (its style sheet read from the jar once). */
  public static FolderListing dashboardStyled() {
    return DashboardStyled.LISTING;
  }

  /** The page's Content-Security-Policy. */
  String policy() {
    return policy;
  }

  /**
   * Answers a GET or HEAD of a folder with its listing.
   *
   * @param title the folder's decoded URL path, shown as the page's heading
   * @param base what the links start with: the folder's percent-encoded URL path, or nothing
   *     when the page's own URL is the folder's and ends with a slash
   * @param withParent whether to link to the parent folder (not from a served root)
   * @param reachable whether the real path a symlink leads to may be shown
   */
  public void send(HttpServerExchange exchange, String title, String base, boolean withParent,
      Path folder, Predicate<Path> reachable) throws IOException {
    RenderedPages.Key key = new RenderedPages.Key(folder, title, base, withParent);
    // The folder's own stat before its entries: a change after it changes what the next sees.
    Instant before = Instant.now();
    RenderedPages.Seen seen =
        pages.seen(folder, Files.readAttributes(folder, BasicFileAttributes.class), before);
    StableListing listing = StableListing.read(folder, StableListing.MAX_ENTRIES, reachable);
    headers(exchange);
    if (exchange.getRequestMethod().equals(Methods.HEAD)) {
      exchange.endExchange();
      return;
    }
    if (!exchange.isBlocking()) {
      exchange.startBlocking();
    }
    if (listing.entries().size() > RENDERED_ENTRIES) {
      // Written as it goes: memory bounded by the chunk, whatever the folder holds.
      try (Writer out = new Utf8Chunks(exchange.getOutputStream(), WRITE_BUFFER)) {
        write(out, title, base, withParent, listing);
      }
    } else {
      try (OutputStream out = exchange.getOutputStream()) {
        out.write(page(key, listing, seen));
      }
    }
    exchange.endExchange();
  }

  /**
   * Answers a GET of a folder with its kept page when that is vouched for and the folder, as
   * {@code folderNow} shows it, is as it was (see {@link RenderedPages}): no read of its entries,
   * nothing that blocks, so on the I/O thread. False, having sent nothing, otherwise.
   */
  public boolean sendUnchanged(HttpServerExchange exchange, String title, String base,
      boolean withParent, Path folder, BasicFileAttributes folderNow) {
    if (!exchange.getRequestMethod().equals(Methods.GET)) {
      return false;
    }
    Optional<ByteBuffer> page =
        pages.unchanged(new RenderedPages.Key(folder, title, base, withParent), folderNow);
    if (page.isEmpty()) {
      return false;
    }
    headers(exchange);
    exchange.setResponseContentLength(page.get().remaining());
    exchange.getResponseSender().send(page.get());
    return true;
  }

  private void headers(HttpServerExchange exchange) {
    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    headers.put(UserContent.CONTENT_SECURITY_POLICY, policy);
    headers.put(UserContent.CONTENT_TYPE_OPTIONS, "nosniff");
    headers.put(REFERRER_POLICY, "no-referrer");
    exchange.setStatusCode(200);
  }

  /** The page's bytes: rendered again only when what it shows changed. */
  byte[] page(RenderedPages.Key key, StableListing listing, RenderedPages.Seen seen)
      throws IOException {
    Optional<byte[]> rendered = pages.page(key, listing, seen);
    if (rendered.isPresent()) {
      return rendered.get();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096 + 96 * listing.entries().size());
    try (Writer out = new Utf8Chunks(bytes, WRITE_BUFFER)) {
      write(out, key.title(), key.base(), key.withParent(), listing);
    }
    byte[] page = bytes.toByteArray();
    pages.keep(key, listing, page);
    return page;
  }

  /** The page's bytes, for a listing read without its folder's stat (never vouched for). */
  byte[] page(RenderedPages.Key key, StableListing listing) throws IOException {
    return page(key, listing, RenderedPages.Seen.UNSEEN);
  }

  /** The page, written to {@code out}. */
  void write(Writer out, String title, String base, boolean withParent, StableListing listing)
      throws IOException {
    String heading = "Index of " + XmlText.escapeHtml(title);
    String prefix = XmlText.escapeHtml(base);
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + heading + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n"
        + "<h1>" + heading + "</h1>\n"
        + "<table>\n<thead><tr><th>Name</th><th>Size</th><th>Modified (UTC)</th></tr></thead>\n"
        + "<tbody>\n");
    StringBuilder rows = new StringBuilder(256);
    if (withParent) {
      row(rows, prefix + "../", "../", OptionalLong.empty(), Optional.empty());
      out.write(rows.toString());
    }
    for (StableListing.Entry entry : listing.entries()) {
      String slash = entry.directory() ? "/" : "";
      rows.setLength(0);
      row(rows, prefix + encode(entry.name()) + slash, XmlText.escapeHtml(entry.name()) + slash,
          entry.size(), entry.lastModified());
      out.write(rows.toString());
    }
    out.write("</tbody>\n</table>\n");
    if (listing.notListed() > 0) {
      out.write("<p class=\"muted\">" + listing.notListed() + " more entries not listed: only the"
          + " first " + StableListing.MAX_ENTRIES + " by name are.</p>\n");
    }
    out.write("</body>\n</html>\n");
  }

  /**
   * One entry as a table row, its cells' and row's end tags left to the parser (HTML allows it):
   * the row is most of the page, and the page's bytes cost encryption per request.
   */
  private static void row(StringBuilder out, String href, String name, OptionalLong size,
      Optional<Instant> modified) {
    out.append("<tr><td><a href=\"").append(href).append("\">").append(name).append("</a><td>");
    if (size.isPresent()) {
      size(out, size.getAsLong());
    }
    out.append("<td>");
    modified.ifPresent(m -> time(out, m));
    out.append('\n');
  }

  /** A size in bytes, or in binary units with one decimal (rounded half up, as {@code %.1f}). */
  static StringBuilder size(StringBuilder out, long bytes) {
    if (bytes < 1024) {
      return out.append(bytes).append(" B");
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    long divisor = 1024;
    while (unit < units.length - 1 && bytes / divisor >= 1024) {
      divisor *= 1024;
      unit++;
    }
    if (bytes > (Long.MAX_VALUE - divisor) / 10) {
      double value = (double) bytes / divisor;
      return out.append(String.format(Locale.ROOT, "%.1f %s", value, units[unit]));
    }
    // By hand: one per entry, and String.format costs several times more without C2.
    long tenths = (bytes * 10 + divisor / 2) / divisor;
    return out.append(tenths / 10).append('.').append(tenths % 10).append(' ').append(units[unit]);
  }

  /** {@code yyyy-MM-dd HH:mm:ss} in UTC, to the second. */
  static StringBuilder time(StringBuilder out, Instant instant) {
    Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      return out.append(SHOWN.format(seconds)); // the year of era, as the pattern prints it
    }
    // By hand: one per entry, and a pattern formatter costs several times more without C2.
    return date(out, t);
  }

  /** {@code yyyy-MM-dd HH:mm:ss} of a year 1-9999. */
  private static StringBuilder date(StringBuilder out, LocalDateTime t) {
    int year = t.getYear();
    digits(digits(out, year / 100), year % 100).append('-');
    digits(out, t.getMonthValue()).append('-');
    digits(out, t.getDayOfMonth()).append(' ');
    digits(out, t.getHour()).append(':');
    digits(out, t.getMinute()).append(':');
    return digits(out, t.getSecond());
  }

  private static StringBuilder digits(StringBuilder out, int twoDigits) {
    return out.append((char) ('0' + twoDigits / 10)).append((char) ('0' + twoDigits % 10));
  }

  /**
   * A name as one relative URL segment: every byte but the unreserved ones percent-encoded, so
   * no name can become a scheme ({@code javascript:}), a query, a fragment or another folder.
   */
  static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Read on first use: the DAV handler and the server share it. */
  private static final class DashboardStyled {
    static final FolderListing LISTING = new FolderListing(DashboardAssets.listingStyleSheet());
  }
}
