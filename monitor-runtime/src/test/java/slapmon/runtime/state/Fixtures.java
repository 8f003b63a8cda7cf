package slapmon.runtime.state;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import slapmon.runtime.testing.TestLayouts;

/** The monitor of the original acceptance tests ({@code testglobalstate.py}, SPEC §C.5). */
final class Fixtures {
  static final URI BASE = URI.create("https://monitor.test.com");

  private Fixtures() {}

  static PartitionIdentity identity() {
    return new PartitionIdentity(
        Optional.of("COMP-1234"),
        Optional.of("10.0.151.118"),
        Optional.of("2001:34c:1254:df3:89::5df3"),
        Optional.of("http://some.url.com/software.cfg"),
        Optional.of("default"),
        Optional.of("slappart10"));
  }

  static StateSettings settings(Path dir, List<URI> related, int seriesRows) {
    return new StateSettings(
        "Monitor", "Monitor ROOT", BASE,
        TestLayouts.folders(dir, dir.resolve("public"), dir.resolve("private")), related,
        identity(), seriesRows);
  }

  static StateSettings settings(Path dir) {
    return settings(dir, List.of(), StateSettings.DEFAULT_SERIES_ROWS);
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = Fixtures.class.getResourceAsStream("/state/" + name)) {
      if (in == null) {
        throw new IOException("test resource /state/" + name + " is missing");
      }
      return in.readAllBytes();
    }
  }
}
