package slapmon.runtime.http.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read once from the jar, and their version: a hash of their content, put in
 * the assets' URL so that a browser may cache them for as long as it likes and still never runs a
 * stale script after an upgrade.
 */
public final class DashboardAssets {
  /** The folder of the dashboard's files among the jar's resources. */
  static final String RESOURCES = "/slapmon/runtime/http/dashboard/";

  /** The page's template; the {@code {{ASSETS}}} marker in it becomes the assets' base URL. */
  static final String PAGE = "index.html";

  /** The folder listings' style sheet, inlined in each listing (not one of the page's files). */
  static final String LISTING_STYLE = "listing.css";

  /** Every file the page may load; any other name under the prefix is not found. */
  static final List<String> FILES =
      List.of(
          "dashboard.css",
          "main.js",
          "data.js",
          "format.js",
          "chart.js",
          "promises.js",
          "history.js",
          "resources.js",
          "submonitors.js",
          "parameters.js",
          "validation.js");

  /** One file, with the type it is served as. */
  record Asset(String name, byte[] content, String contentType) {}

  private final Map<String, Asset> files;
  private final String version;
  private final String page;

  private DashboardAssets(Map<String, Asset> files, String version, String page) {
    this.files = files;
    this.version = version;
    this.page = page;
  }

  /** Reads every file from the jar. */
  public static DashboardAssets load() {
    Map<String, Asset> files = new LinkedHashMap<>();
    MessageDigest digest = sha256();
    for (String name : FILES) {
      byte[] content = resource(name);
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update(content);
      files.put(name, new Asset(name, content, contentType(name)));
    }
    byte[] template = resource(PAGE);
    digest.update(template);
    String version = HexFormat.of().formatHex(digest.digest(), 0, 8);
    String page =
        new String(template, StandardCharsets.UTF_8)
            .replace("{{ASSETS}}", DashboardRoutes.ASSETS_PREFIX + "/" + version);
    return new DashboardAssets(Map.copyOf(files), version, page);
  }

  /** The hash of every file, as it appears in their URLs. */
  public String version() {
    return version;
  }

  /**
   * The folder listings' style sheet: the dashboard's colours and table, and nothing else, since
   * every listing inlines it (the whole dashboard's was 5.8 of a 31 KB page of 111 entries).
   */
  public static String listingStyleSheet() {
    return new String(resource(LISTING_STYLE), StandardCharsets.UTF_8).strip();
  }

  /** The HTML of the page, pointing at this version's assets. */
  String page() {
    return page;
  }

  Optional<Asset> file(String name) {
    return Optional.ofNullable(files.get(name));
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardAssets.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard file " + RESOURCES + name + " missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCES + name + ": could not read: " + e.getMessage(), e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    throw new IllegalStateException("no content type for dashboard file " + name);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
