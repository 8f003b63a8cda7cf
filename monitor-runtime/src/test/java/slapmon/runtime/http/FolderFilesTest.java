package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.handlers.resource.Resource;
import io.undertow.util.DateUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a served folder's path names: the file, the folder, or nothing. */
final class FolderFilesTest {
  @TempDir Path dir;
  private Path served;
  private Path logs;
  private FolderFiles files;

  @BeforeEach
  void folders() throws Exception {
    served = Files.createDirectories(dir.resolve("public"));
    logs = Files.createDirectories(dir.resolve("var/log"));
    Files.writeString(served.resolve("a.json"), "{\"status\":\"OK\"}");
    Files.setLastModifiedTime(served.resolve("a.json"),
        FileTime.from(Instant.parse("2026-11-24T10:00:01.987Z")));
    Files.createDirectories(served.resolve("sub/deeper"));
    Files.writeString(served.resolve("sub/deeper/b.log"), "b");
    Files.writeString(logs.resolve("app.log"), "a log line");
    Files.writeString(dir.resolve("outside.txt"), "outside");
    files = StaticFiles.manager(served, List.of(served, logs));
  }

  @Test
  void a_file_carries_its_length_and_date_from_its_one_look_up() throws Exception {
    Resource a = files.getResource("/a.json");

    assertThat(a.isDirectory()).isFalse();
    assertThat(a.getContentLength()).isEqualTo(15L);
    assertThat(a.getLastModified()).isEqualTo(Date.from(Instant.parse("2026-11-24T10:00:01.987Z")));
    assertThat(a.getLastModifiedString()).isEqualTo("Tue, 24 Nov 2026 10:00:01 GMT")
        .isEqualTo(DateUtils.toDateString(a.getLastModified()));
    assertThat(a.getFilePath()).isEqualTo(served.resolve("a.json").toAbsolutePath());
    assertThat(files.getResource("/sub/deeper/b.log").getContentLength()).isEqualTo(1L);
  }

  @Test
  void the_folder_and_its_subfolders_are_directories() {
    assertThat(files.getResource("").isDirectory()).isTrue();
    assertThat(files.getResource("/").isDirectory()).isTrue();
    assertThat(files.getResource("/sub/").isDirectory()).isTrue();
    assertThat(files.getResource("/sub//deeper").isDirectory()).isTrue();
  }

  @Test
  void missing_climbing_and_malformed_paths_name_nothing() {
    for (String path : List.of("/missing.json", "/sub/missing", "/../outside.txt",
        "/sub/../../outside.txt", "/./a.json", "/a.json\0.txt", "/a.json/x")) {
      assertThat(files.getResource(path)).as(path).isNull();
    }
  }

  @Test
  void symlinks_are_followed_only_into_the_reachable_folders() throws Exception {
    Files.createSymbolicLink(served.resolve("log"), logs);
    Files.createSymbolicLink(served.resolve("app.log"), logs.resolve("app.log"));
    Files.createSymbolicLink(served.resolve("escape"), dir.resolve("outside.txt"));
    Files.createSymbolicLink(served.resolve("up"), dir);
    Files.createSymbolicLink(served.resolve("dangling"), dir.resolve("not-yet.log"));
    Files.createSymbolicLink(served.resolve("sub/back"), served.resolve("a.json"));

    assertThat(files.getResource("/log/app.log").getContentLength()).isEqualTo(10L);
    assertThat(files.getResource("/log").isDirectory()).isTrue();
    assertThat(files.getResource("/app.log").getContentLength()).as("a link's target's length")
        .isEqualTo(10L);
    assertThat(files.getResource("/sub/back").getContentLength()).isEqualTo(15L);
    assertThat(files.getResource("/escape")).isNull();
    assertThat(files.getResource("/up/outside.txt")).isNull();
    assertThat(files.getResource("/up/public/a.json")).as("back in, through a link that leaves")
        .isNull();
    assertThat(files.getResource("/dangling")).isNull();
  }

  @Test
  void a_folder_reached_through_a_symlink_is_served() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("public-link"), served);
    FolderFiles through = StaticFiles.manager(link, List.of(served));

    assertThat(through.getResource("/").isDirectory()).isTrue();
    assertThat(through.getResource("/a.json").getContentLength()).isEqualTo(15L);
  }
}
