package slapmon.runtime.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slapmon.config.settings.ParameterLine;

/** A bootstrap over an existing tree: same tree again, changed links, things in the way. */
final class BootstrapRerunTest {
  @TempDir Path base;
  MonitorFixture fixture;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new MonitorFixture(base);
  }

  @Test
  void a_rerun_removes_the_temporary_files_of_a_killed_writer_wherever_the_runtime_writes()
      throws Exception {
    fixture.bootstrap(List.of(), List.of());
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    String killed = String.format("%08x%016x", ended.pid(), 0x3fa2L);
    List<Path> leftovers =
        List.of(
            fixture.privateFolder.resolve("config/.jio_documents/.config.json.tmp-" + killed),
            fixture.privateFolder.resolve("documents/.p.history.2024-05-01.json.tmp-" + killed),
            fixture.privateFolder.resolve(
                "data/.jio_documents/.monitor_state.data.json.tmp-" + killed),
            fixture.publicFolder.resolve(".feeds.tmp-" + killed),
            fixture.marker.resolveSibling("." + fixture.marker.getFileName() + ".tmp-" + killed));
    for (Path leftover : leftovers) {
      Files.createDirectories(leftover.getParent());
      Files.writeString(leftover, "half a wri");
    }
    Path notOurs = fixture.privateFolder.resolve("config/.jio_documents/.notes.tmp-draft");
    Files.writeString(notOurs, "an operator's file");
    // A write in progress in a process that runs (a `slapmon promise run` beside the runtime).
    Path inProgress =
        fixture.publicFolder.resolve(
            ".p.status.json.tmp-" + String.format("%08x%016x", ProcessHandle.current().pid(), 7L));
    Files.writeString(inProgress, "being writ");

    fixture.bootstrap(List.of(), List.of());

    assertThat(leftovers).noneMatch(Files::exists);
    assertThat(notOurs).hasContent("an operator's file");
    assertThat(inProgress).exists();
  }

  @Test
  void running_twice_gives_the_same_tree() throws IOException {
    List<Path> publicPaths = List.of(Files.createDirectories(base.resolve("folderOne")));
    List<Path> privatePaths = List.of(base.resolve("var/log"), base.resolve("missing"));
    assertThat(fixture.bootstrap(publicPaths, privatePaths).problems()).isEmpty();
    List<String> first = tree(base);

    BootstrapResult again = fixture.bootstrap(publicPaths, privatePaths);

    assertThat(again.problems()).isEmpty();
    assertThat(tree(base)).isEqualTo(first);
  }

  @Test
  void replaces_a_link_whose_target_changed() throws IOException {
    Path oldLog = Files.createDirectories(base.resolve("old/log"));
    Path newLog = Files.createDirectories(base.resolve("new/log"));
    fixture.bootstrap(List.of(), List.of(oldLog));

    BootstrapResult result = fixture.bootstrap(List.of(), List.of(newLog));

    assertThat(result.problems()).isEmpty();
    assertThat(Files.readSymbolicLink(fixture.privateFolder.resolve("log"))).isEqualTo(newLog);
    assertThat(BootstrapTest.names(fixture.privateFolder))
        .noneMatch(name -> name.startsWith("."));
  }

  @Test
  void reports_a_file_in_the_way_and_leaves_it_alone() throws IOException {
    Path inTheWay = Files.writeString(fixture.publicFolder.resolve("folderOne"), "mine");
    Path folderOne = Files.createDirectories(base.resolve("folderOne"));
    Path folderTwo = Files.createDirectories(base.resolve("folderTwo"));

    BootstrapResult result = fixture.bootstrap(List.of(folderOne, folderTwo), List.of());

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .containsExactly(
            inTheWay + ": expected a symbolic link to " + folderOne + ", found a file; left alone");
    assertThat(inTheWay).hasContent("mine");
    assertThat(fixture.publicFolder.resolve("folderTwo")).isSymbolicLink();
    assertThat(fixture.marker).doesNotExist();
  }

  @Test
  void reports_the_second_path_with_the_same_basename() throws IOException {
    Path first = base.resolve("a/log");
    Path second = base.resolve("b/log");

    BootstrapResult result = fixture.bootstrap(List.of(), List.of(first, second));

    assertThat(result.problems())
        .containsExactly(
            "private-path-list: '" + second + "' would be linked as "
                + fixture.privateFolder.resolve("log") + ", already the link to '" + first
                + "'; expected distinct basenames; not linked");
    assertThat(Files.readSymbolicLink(fixture.privateFolder.resolve("log"))).isEqualTo(first);
  }

  @Test
  void refuses_a_private_path_named_like_a_folder_of_the_layout() throws IOException {
    Path config = Files.createDirectories(base.resolve("etc/config"));

    BootstrapResult result = fixture.bootstrap(List.of(), List.of(config));

    assertThat(result.problems()).singleElement().asString().contains("a name the monitor uses");
    assertThat(fixture.privateFolder.resolve("config")).isDirectory().isNotEqualTo(config);
    assertThat(Files.isSymbolicLink(fixture.privateFolder.resolve("config"))).isFalse();
  }

  @Test
  void a_failed_run_removes_the_marker_and_the_next_good_run_writes_it_back() throws IOException {
    assertThat(fixture.bootstrap(List.of(), List.of()).ok()).isTrue();
    Path blocker = Files.writeString(fixture.privateFolder.resolve("log"), "not a link");

    assertThat(fixture.bootstrap(List.of(), List.of(base.resolve("var/log"))).ok()).isFalse();
    assertThat(fixture.marker).doesNotExist();

    Files.delete(blocker);
    assertThat(fixture.bootstrap(List.of(), List.of(base.resolve("var/log"))).ok()).isTrue();
    assertThat(fixture.marker).isRegularFile();
  }

  @Test
  void a_bad_parameter_fails_the_marker_but_the_tree_and_other_parameters_are_written()
      throws IOException {
    List<ParameterLine> parameters = new ArrayList<>(fixture.parameters());
    parameters.add(new ParameterLine.FileParameter("lost", base.resolve("no/such/folder/file")));

    BootstrapResult result =
        MonitorFixture.bootstrapOf(fixture.monitor(List.of(), List.of(), parameters)).run();

    assertThat(result.problems()).singleElement().asString().contains("'file lost ");
    assertThat(fixture.marker).doesNotExist();
    assertThat(fixture.knowledge).content().contains("sample = 12345");
    assertThat(fixture.webdav.resolve("jio_private/config")).isSymbolicLink();
  }

  /** Each entry under {@code root}: its path, its kind, and a link target or a file content. */
  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> entries = Files.walk(root)) {
      List<String> lines = new ArrayList<>();
      for (Path entry : entries.sorted().toList()) {
        String name = root.relativize(entry).toString();
        if (Files.isSymbolicLink(entry)) {
          lines.add(name + " -> " + Files.readSymbolicLink(entry));
        } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          lines.add(name + "/");
        } else {
          lines.add(name + " = " + Files.readString(entry));
        }
      }
      return lines;
    }
  }
}
