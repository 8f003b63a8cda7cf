package slapmon.runtime.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.server.handlers.resource.ResourceSupplier;
import io.undertow.util.AttachmentKey;
import io.undertow.util.CanonicalPathUtils;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.MimeMappings;
import io.undertow.util.RedirectBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Static files of the public and private folders, with our own folder listings ({@link
 * FolderListing}) and every file sandboxed ({@link UserContent}). Symlinks are followed only when
 * they resolve inside the allowed roots (the served folders and the configured path-list
 * targets); {@code ..} never leaves the folder.
 */
final class StaticFiles {
  private static final Pattern PROMISE_DOCUMENT = Pattern.compile("/[^/]+\\.(status|history)\\.json");
  /**
   * Never: Undertow would hand a file of this size or more to {@code FileChannel.transferTo},
   * which under TLS copies through a fresh 8 KiB heap buffer per chunk that the OpenSSL engine
   * copies again into a direct buffer it allocates and frees per record. Below it, the file is
   * read into Undertow's pooled direct buffers (16 KiB) and wrapped from there: half the records,
   * no copies.
   */
  static final long TRANSFER_MIN_SIZE = Long.MAX_VALUE;
  /** The file (or its absence) that a request's path named, once looked up. */
  @SuppressWarnings("unchecked")
  private static final AttachmentKey<Optional<Resource>> LOOKED_UP =
      AttachmentKey.create((Class<Optional<Resource>>) (Class<?>) Optional.class);
  static final String FEED_TYPE = "application/rss+xml; charset=utf-8";
  static final String OPML_TYPE = "text/x-opml; charset=utf-8";

  static final MimeMappings TYPES =
      MimeMappings.builder()
          .addMapping("json", "application/json")
          .addMapping("haljson", "application/hal+json")
          .addMapping("log", "text/plain; charset=utf-8")
          .build();

  private StaticFiles() {}

  static HttpHandler of(Path folder, Collection<Path> allowedRoots, FolderListing listing) {
    return handler(manager(folder, allowedRoots), listing, reachable(allowedRoots));
  }

  /** Private files; {@code NAME.status.json} and {@code NAME.history.json} also answer from public. */
  static HttpHandler privateWithPromiseDocuments(Path privateFolder, Path publicFolder,
      Collection<Path> allowedRoots, FolderListing listing) {
    ResourceManager own = manager(privateFolder, allowedRoots);
    ResourceManager shared = manager(publicFolder, allowedRoots);
    return handler(new Fallback(own, shared), listing, reachable(allowedRoots));
  }

  static HttpHandler handler(
      ResourceManager manager, FolderListing listing, Predicate<Path> reachable) {
    // No welcome file: a folder is always listed, never replaced by an index.html of a user.
    HttpHandler files =
        new ResourceHandler(lookedUpOnce(manager))
            .setDirectoryListingEnabled(false)
            .setWelcomeFiles()
            .setMimeMappings(TYPES)
            .setCachable(exchange -> false);
    return new HttpHandler() {
      @Override
      public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
          if (unchangedListing(exchange, manager, listing)) {
            return;
          }
          if (SmallFiles.plain(exchange)) {
            // One lstat and a read of a few KiB from the page cache cost less than a hand-off.
            Resource found =
                manager.getResource(CanonicalPathUtils.canonicalize(exchange.getRelativePath()));
            if (found != null && !found.isDirectory()) {
              UserContent.sandbox(exchange);
              typed(exchange);
              if (SmallFiles.send(exchange, found, TYPES)) {
                return;
              }
            }
            exchange.putAttachment(LOOKED_UP, Optional.ofNullable(found));
          }
          // Other file access may block longer: from a worker thread, at once.
          exchange.dispatch(this);
          return;
        }
        if (listedFolder(exchange, manager, listing, reachable)) {
          return;
        }
        UserContent.sandbox(exchange);
        typed(exchange);
        files.handleRequest(exchange);
      }
    };
  }

  /** Answers a GET or HEAD of a folder: its listing, or a redirect to its URL with a slash. */
  private static boolean listedFolder(HttpServerExchange exchange, ResourceManager manager,
      FolderListing listing, Predicate<Path> reachable) throws IOException {
    HttpString method = exchange.getRequestMethod();
    if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
      return false;
    }
    String path = CanonicalPathUtils.canonicalize(exchange.getRelativePath());
    Optional<Resource> known = exchange.getAttachment(LOOKED_UP);
    Resource folder = known != null ? known.orElse(null) : manager.getResource(path);
    if (folder == null || !folder.isDirectory()) {
      exchange.putAttachment(LOOKED_UP, Optional.ofNullable(folder));
      return false;
    }
    if (!exchange.getRequestPath().endsWith("/")) {
      // Relative links in the listing need the folder's URL to end with a slash.
      exchange.setStatusCode(302);
      exchange.getResponseHeaders().put(Headers.LOCATION,
          RedirectBuilder.redirect(exchange, exchange.getRelativePath() + "/", true));
      exchange.endExchange();
      return true;
    }
    listing.send(exchange, exchange.getRequestPath(), "", !root(path), folder.getFilePath(),
        reachable);
    return true;
  }

  private static boolean root(String path) {
    return path.isEmpty() || path.equals("/");
  }

  /**
   * Answers a GET of a folder's URL (with its slash) from its kept listing page when that is
   * vouched for: one look-up of the folder, no read of its entries, no hand-off to a worker. A
   * folder not listed before, or changed, goes to a worker as before, its look-up handed over.
   */
  private static boolean unchangedListing(
      HttpServerExchange exchange, ResourceManager manager, FolderListing listing)
      throws IOException {
    if (!exchange.getRequestMethod().equals(Methods.GET)
        || !exchange.getRequestPath().endsWith("/")) {
      return false;
    }
    String path = CanonicalPathUtils.canonicalize(exchange.getRelativePath());
    Resource folder = manager.getResource(path);
    exchange.putAttachment(LOOKED_UP, Optional.ofNullable(folder));
    return folder != null && folder.isDirectory() && folder instanceof FolderFiles.LookedUp seen
        && listing.sendUnchanged(exchange, exchange.getRequestPath(), "", !root(path),
            folder.getFilePath(), seen.attributes());
  }

  /**
   * The resource {@link #listedFolder} already looked up for this request, else a look-up: each
   * costs several stats (the symlink checks walk up the path), a good part of a small file's GET.
   */
  private static ResourceSupplier lookedUpOnce(ResourceManager manager) {
    return (exchange, path) -> {
      Optional<Resource> found = exchange.removeAttachment(LOOKED_UP);
      return found != null ? found.orElse(null) : manager.getResource(path);
    };
  }

  /** Whether a real path lies in one of the allowed roots (as where a listed symlink leads). */
  private static Predicate<Path> reachable(Collection<Path> allowedRoots) {
    return real -> allowedRoots.stream().anyMatch(root -> {
      try {
        return real.startsWith(root.toRealPath());
      } catch (IOException missing) {
        return false;
      }
    });
  }

  /** feed and feeds have no extension: name their types (SPEC D.43). */
  private static void typed(HttpServerExchange exchange) {
    String path = exchange.getRelativePath();
    if (path.endsWith("/feed")) {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, FEED_TYPE);
    } else if (path.endsWith("/feeds")) {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, OPML_TYPE);
    }
  }

  static FolderFiles manager(Path folder, Collection<Path> allowedRoots) {
    // Undertow's manager only for its resource's body serving (its transfer size): no look-ups.
    PathResourceManager serving =
        new PathResourceManager(folder.toAbsolutePath(), TRANSFER_MIN_SIZE, true, false);
    return new FolderFiles(folder, serving, reachable(allowedRoots));
  }

  /** Looks in the private folder first, then, for promise documents only, in the public one. */
  private record Fallback(ResourceManager own, ResourceManager shared)
      implements WithoutChangeListeners {
    @Override
    public Resource getResource(String path) throws IOException {
      Resource resource = own.getResource(path);
      if (resource == null && PROMISE_DOCUMENT.matcher(path).matches()) {
        resource = shared.getResource(path);
      }
      return resource;
    }

    @Override
    public void close() throws IOException {
      own.close();
      shared.close();
    }
  }

  /** A resource manager that never tells of changes (nothing here caches resources). */
  interface WithoutChangeListeners extends ResourceManager {
    @Override
    default boolean isResourceChangeListenerSupported() {
      return false;
    }

    @Override
    default void registerResourceChangeListener(ResourceChangeListener listener) {
      throw new UnsupportedOperationException("no change listeners");
    }

    @Override
    default void removeResourceChangeListener(ResourceChangeListener listener) {
      throw new UnsupportedOperationException("no change listeners");
    }
  }
}
