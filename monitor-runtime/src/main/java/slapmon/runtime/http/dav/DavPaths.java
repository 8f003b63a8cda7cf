package slapmon.runtime.http.dav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import slapmon.runtime.io.AtomicFiles;
import slapmon.runtime.promise.HistoryWorkFiles;

/** Maps request URLs to files under the root, refusing anything that could escape it. */
final class DavPaths {
  /** Prefix of the hidden sidecar files holding dead properties; never served. */
  static final String SIDECAR_PREFIX = ".davprops~";

  private final Path root;
  private final String urlPrefix;
  private final List<Path> allowed = new ArrayList<>();

  DavPaths(Path root, String urlPrefix, Set<Path> allowedRoots) {
    this.root = root.toAbsolutePath().normalize();
    this.urlPrefix = urlPrefix.endsWith("/") ? urlPrefix.substring(0, urlPrefix.length() - 1) : urlPrefix;
    allowed.add(real(this.root));
    for (Path p : allowedRoots) {
      allowed.add(real(p.toAbsolutePath().normalize()));
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  /**
   * Whether a file of this name is the client's to see: not a sidecar of dead properties, nor the
   * temporary file of a write that was cut short (the monitor removes those at its next start).
   */
  static boolean listed(String name) {
    return !name.startsWith(SIDECAR_PREFIX)
        && !AtomicFiles.isTemporary(name)
        && !HistoryWorkFiles.is(name);
  }

  /** The decoded path below the prefix ("/" or "/a/b") of a raw request URI or absolute URL. */
  String relative(String rawUri) {
    String raw = rawUri;
    if (raw.startsWith("http://") || raw.startsWith("https://")) {
      try {
        raw = new URI(raw).getRawPath();
      } catch (URISyntaxException e) {
        throw new DavError(400, "malformed URL '" + rawUri + "'");
      }
      if (raw == null || raw.isEmpty()) {
        raw = "/";
      }
    }
    int q = raw.indexOf('?');
    if (q >= 0) {
      raw = raw.substring(0, q);
    }
    if (!raw.equals(urlPrefix) && !raw.startsWith(urlPrefix + "/")) {
      throw new DavError(404, "'" + rawUri + "' is outside " + urlPrefix);
    }
    StringBuilder out = new StringBuilder();
    for (String segment : raw.substring(urlPrefix.length()).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String name = decode(segment);
      if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
          || name.indexOf('\0') >= 0) {
        throw new DavError(400, "forbidden path segment in '" + rawUri + "'");
      }
      if (!listed(name)) {
        throw new DavError(404, "'" + rawUri + "' is reserved");
      }
      out.append('/').append(name);
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static String decode(String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          throw new DavError(400, "malformed percent-encoding in '" + segment + "'");
        }
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new DavError(400, "malformed percent-encoding in '" + segment + "'");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DavError(400, "path segment '" + segment + "' is not UTF-8");
    }
  }

  /** The file for a decoded relative path, after checking where its symlinks lead. */
  Path file(String relative) {
    Path file = relative.equals("/") ? root : root.resolve(relative.substring(1));
    checkInside(file, relative);
    return file;
  }

  /**
   * The real path of the resource {@code relative} names, whatever alias it is reached by: a lock
   * is held on it, not on a URL. A missing resource is named after its nearest existing folder.
   */
  String key(String relative) {
    return resolved(file(relative)).toString();
  }

  /**
   * Where the entry {@code relative} names sits on disk: its folder's real path and its own name,
   * the entry itself not followed (a link there is the link, not its target).
   */
  Path location(String relative) {
    Path file = file(relative);
    Path parent = file.getParent();
    return relative.equals("/") || parent == null
        ? resolved(file)
        : resolved(parent).resolve(file.getFileName().toString());
  }

  /** The real path of {@code file}'s nearest existing ancestor, with the rest of it appended. */
  static Path resolved(Path file) {
    Path existing = file;
    Path rest = null;
    while (existing != null && !Files.exists(existing)) {
      rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return file;
    }
    try {
      Path real = existing.toRealPath();
      return rest == null ? real : real.resolve(rest.toString());
    } catch (IOException e) {
      return file;
    }
  }

  /** Whether a real path lies under the root or one of the allowed roots. */
  boolean reachable(Path real) {
    for (Path allowedRoot : allowed) {
      if (real.startsWith(allowedRoot)) {
        return true;
      }
    }
    return false;
  }

  private void checkInside(Path file, String relative) {
    Path existing = file;
    Path rest = null;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      rest = rest == null ? existing.getFileName() : existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new DavError(404, relative + ": not found");
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException e) {
      // A dangling symlink: refuse rather than follow it somewhere unknown.
      throw new DavError(403, relative + ": symlink target is not reachable");
    }
    if (!reachable(real)) {
      throw new DavError(403, relative + ": leads outside the allowed folders");
    }
  }

  /** The href (percent-encoded, with the prefix) of a decoded relative path. */
  String href(String relative, boolean collection) {
    StringBuilder out = new StringBuilder(urlPrefix);
    for (String segment : relative.split("/")) {
      if (!segment.isEmpty()) {
        out.append('/').append(encode(segment));
      }
    }
    if (collection || out.length() == urlPrefix.length()) {
      out.append('/');
    }
    return out.toString();
  }

  static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  static String parent(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash <= 0 ? "/" : relative.substring(0, slash);
  }

  static String child(String relative, String name) {
    return relative.equals("/") ? "/" + name : relative + "/" + name;
  }

  /** Whether {@code relative} is {@code ancestor} or below it. */
  static boolean within(String relative, String ancestor) {
    return relative.equals(ancestor) || ancestor.equals("/")
        || relative.startsWith(ancestor + "/");
  }
}
