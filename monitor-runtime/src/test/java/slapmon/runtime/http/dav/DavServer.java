package slapmon.runtime.http.dav;

import io.undertow.Handlers;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** A real Undertow on 127.0.0.1:0 serving a partition-like webdav tree at /share. */
final class DavServer implements AutoCloseable {
  final Path webdav;
  final Path publicDir;
  final Path privateDir;
  final Path outside;
  /** The folders and links of the tree that the handler must not let a client remove. */
  final Set<Path> owned;
  private final Undertow server;

  DavServer(Path base) throws IOException {
    webdav = Files.createDirectories(base.resolve("srv/monitor/webdav"));
    publicDir = Files.createDirectories(base.resolve("srv/monitor/public"));
    privateDir = Files.createDirectories(base.resolve("srv/monitor/private"));
    outside = Files.createDirectories(base.resolve("etc"));
    Files.createSymbolicLink(webdav.resolve("public"), publicDir);
    Files.createSymbolicLink(webdav.resolve("private"), privateDir);
    Files.createDirectories(webdav.resolve("jio_private"));
    Files.createSymbolicLink(webdav.resolve("jio_private/.jio_documents"), privateDir);
    owned = Set.of(publicDir, privateDir, webdav.resolve("public"), webdav.resolve("private"),
        webdav.resolve("jio_private"), webdav.resolve("jio_private/.jio_documents"));
    DavHandler dav = new DavHandler(
        webdav, "/share", Set.of(publicDir, privateDir), owned, Clock.systemUTC());
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setHandler(Handlers.path().addPrefixPath("/share", dav))
        .build();
    server.start();
  }

  int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() {
    server.stop();
  }
}
