package slapmon.config.settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;

/** The invariants the settings records share, checked in their compact constructors. */
final class Checks {
  private Checks() {}

  static Path absolute(Path path, String what) {
    Objects.requireNonNull(path, what);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(what + " must be an absolute path, got '" + path + "'");
    }
    return path;
  }

  static <T extends Collection<Path>> T allAbsolute(T paths, String what) {
    paths.forEach(path -> absolute(path, what));
    return paths;
  }

  static URI httpUrl(URI url, String what) {
    Objects.requireNonNull(url, what);
    String scheme =
        url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException(
          what + " must be an absolute http(s) URL, got '" + url + "'");
    }
    return url;
  }

  /** An http(s) URL that paths can be appended to: no trailing slash, query or fragment. */
  static URI baseUrl(URI url, String what) {
    httpUrl(url, what);
    String text = url.toString();
    if (text.endsWith("/") || url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          what + " must have no trailing '/', query or fragment, got '" + url + "'");
    }
    return url;
  }

  static <T extends Collection<URI>> T allBaseUrls(T urls, String what) {
    urls.forEach(url -> baseUrl(url, what));
    return urls;
  }

  static String line(String text, String what) {
    Objects.requireNonNull(text, what);
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(what + " must be a single line, got '" + text + "'");
    }
    return text;
  }

  static int port(int port, String what) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be from 1 to 65535, got " + port);
    }
    return port;
  }
}
