package slapmon.runtime.http.dav;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link DavServer} in a JVM of its own: {@code DavServerProcess BASE} serves {@code BASE} and
 * writes its port to {@code BASE/port}.
 */
final class DavServerProcess {
  private DavServerProcess() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    DavServer server = new DavServer(base);
    Path port = base.resolve("port");
    Files.writeString(base.resolve("port.tmp"), Integer.toString(server.port()));
    Files.move(base.resolve("port.tmp"), port);
    Thread.currentThread().join();
  }
}
