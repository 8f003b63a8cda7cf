package slapmon.runtime.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.runtime.json.Json;

/** The bootstrap cases of the original's {@code testbootstrap.py} (SPEC §C.1), OPML aside. */
final class BootstrapTest {
  @TempDir Path base;
  MonitorFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new MonitorFixture(base);
  }

  @Test
  void test_monitor_bootstrap_empty() throws IOException {
    BootstrapResult result = fixture.bootstrap(List.of(), List.of());

    assertThat(result.problems()).isEmpty();
    assertThat(result.ok()).isTrue();
    assertThat(fixture.marker).isRegularFile();
    assertThat(Files.size(fixture.marker)).isZero();
  }

  @Test
  void test_monitor_bootstrap_check_folder() throws IOException {
    Path folderOne = Files.createDirectories(base.resolve("folderOne"));
    Path folderTwo = filledFolder("folderTwo");
    Path filePublic = Files.writeString(base.resolve("file_public"), "public content");
    Path privateOne = Files.createDirectories(base.resolve("privateOne"));
    Path privateTwo = filledFolder("privateTwo");
    Path filePrivate = base.resolve("file_private");

    BootstrapResult result =
        fixture.bootstrap(
            List.of(folderOne, folderTwo, filePublic),
            List.of(privateOne, privateTwo, filePrivate));

    assertThat(result.problems()).isEmpty();
    assertThat(fixture.marker).isRegularFile();
    assertThat(fixture.webdav.resolve("jio_public")).isDirectory();
    assertThat(fixture.webdav.resolve("jio_private")).isDirectory();
    assertLinkedWithSameListing(fixture.publicFolder, folderOne);
    assertLinkedWithSameListing(fixture.publicFolder, folderTwo);
    assertThat(Files.readSymbolicLink(fixture.publicFolder.resolve("file_public")))
        .isEqualTo(filePublic);
    assertThat(fixture.publicFolder.resolve("file_public")).hasContent("public content");
    assertLinkedWithSameListing(fixture.privateFolder, privateOne);
    assertLinkedWithSameListing(fixture.privateFolder, privateTwo);
    Path dangling = fixture.privateFolder.resolve("file_private");
    assertThat(Files.readSymbolicLink(dangling)).isEqualTo(filePrivate);
    assertThat(Files.exists(dangling)).as("the link dangles").isFalse();
    assertThat(Files.readSymbolicLink(fixture.webdav.resolve("public")))
        .isEqualTo(fixture.publicFolder);
    assertThat(Files.readSymbolicLink(fixture.webdav.resolve("private")))
        .isEqualTo(fixture.privateFolder);
    assertThat(fixture.privateFolder.resolve("config")).isDirectory();
    assertThat(fixture.privateFolder.resolve("data")).isDirectory();
    assertThat(fixture.privateFolder.resolve("documents")).isDirectory();
  }

  @Test
  void test_monitor_bootstrap_genconfig() throws IOException {
    fixture.bootstrap(List.of(), List.of());

    JsonNode config =
        Json.read(fixture.privateFolder.resolve("config/.jio_documents/config.json"));
    assertThat(config)
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "[{\"key\":\"\",\"title\":\"monitor-user\",\"value\":\"admin\"},"
                        + "{\"key\":\"sample\",\"title\":\"sample\",\"value\":\"12345\"},"
                        + "{\"key\":\"monitor-password\",\"title\":\"monitor-password\","
                        + "\"value\":\"bcuandjy\"},"
                        + "{\"key\":\"cors-domain\",\"title\":\"cors-domain\",\"value\":\"\"}]"));
  }

  @Test
  void lays_out_the_jio_and_webdav_tree_with_absolute_links() throws IOException {
    fixture.bootstrap(List.of(), List.of());

    Path pub = fixture.publicFolder;
    Path priv = fixture.privateFolder;
    assertThat(priv.resolve("config/.jio_documents")).isDirectory();
    assertThat(priv.resolve("data/.jio_documents")).isDirectory();
    assertLink(priv.resolve("documents"), priv.resolve("data/.jio_documents"));
    assertLink(fixture.webdav.resolve("jio_public/.jio_documents"), pub);
    assertLink(fixture.webdav.resolve("jio_private/.jio_documents"), priv);
    assertLink(fixture.webdav.resolve("jio_private/data"), priv.resolve("data"));
    assertLink(fixture.webdav.resolve("jio_private/config"), priv.resolve("config"));
    assertThat(fixture.webdav.resolve("jio_private/config/.jio_documents/config.json"))
        .isRegularFile();
  }

  @Test
  void the_owned_paths_are_every_folder_and_link_the_bootstrap_lays_out() throws IOException {
    Path shared = Files.createDirectories(base.resolve("shared"));
    BootstrapResult result = fixture.bootstrap(List.of(shared), List.of());
    assertThat(result.problems()).isEmpty();
    java.util.Set<Path> owned =
        fixture.paths(fixture.monitor(List.of(shared), List.of())).ownedPaths();
    assertThat(owned).contains(
        fixture.publicFolder, fixture.privateFolder, fixture.webdav.resolve("public"),
        fixture.webdav.resolve("jio_private/config"), fixture.privateFolder.resolve("documents"),
        fixture.privateFolder.resolve("config/.jio_documents"),
        fixture.publicFolder.resolve("shared"));
    for (Path path : owned) {
      assertThat(Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(path.toString())
          .isTrue();
    }
    try (Stream<Path> tree = Files.walk(fixture.webdav)) {
      assertThat(tree.filter(p -> !p.equals(fixture.webdav)).toList())
          .as("everything the bootstrap made in the WebDAV tree is owned")
          .allMatch(owned::contains);
    }
  }

  @Test
  void creates_missing_trees_from_nothing() throws IOException {
    Files.delete(fixture.publicFolder);
    Files.delete(fixture.privateFolder);
    Files.delete(fixture.webdav);

    BootstrapResult result = fixture.bootstrap(List.of(), List.of(base.resolve("var/log")));

    assertThat(result.problems()).isEmpty();
    assertThat(fixture.publicFolder).isDirectory();
    assertThat(fixture.privateFolder.resolve("log")).isSymbolicLink();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.privateFolder)))
        .isEqualTo("rwx------");
  }

  private Path filledFolder(String name) throws IOException {
    Path folder = Files.createDirectories(base.resolve(name));
    for (int i = 1; i <= 3; i++) {
      Files.writeString(folder.resolve("file" + i), "content " + i);
    }
    return folder;
  }

  private static void assertLinkedWithSameListing(Path folder, Path source) throws IOException {
    Path link = folder.resolve(source.getFileName());
    assertThat(link).isSymbolicLink();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(source);
    assertThat(names(link)).isEqualTo(names(source));
  }

  private static void assertLink(Path link, Path target) throws IOException {
    assertThat(link).isSymbolicLink();
    assertThat(Files.readSymbolicLink(link)).isAbsolute().isEqualTo(target);
  }

  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
