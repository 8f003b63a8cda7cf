package slapmon.config.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings records keep their invariants whoever builds them, and never print a password. */
final class RecordsTest {
  private static final URI BASE = URI.create("https://example.com");
  private static final Password SECRET = new Password("bcuandjy");

  @Test
  void password_and_setup_url_are_never_printed() {
    PublishParameters parameters = PublishParameters.derive(BASE, "admin", SECRET);
    Publish publish = Publish.derive(URI.create("https://monitor.app.officejs.com"), parameters);

    assertThat(SECRET).hasToString("Password[***]");
    assertThat(parameters.toString()).doesNotContain("bcuandjy");
    assertThat(publish.toString()).doesNotContain("bcuandjy");
    assertThat(publish.monitorSetupUrl()).endsWith("&password=bcuandjy");
    assertThat(parameters.monitorUrl()).isEqualTo(URI.create("https://example.com/public/feeds"));
  }

  @Test
  void lists_and_maps_are_copied() {
    List<Path> paths = new ArrayList<>(List.of(Path.of("/a")));
    LinkedPaths linked = new LinkedPaths(paths, paths);
    paths.add(Path.of("/b"));
    Map<String, URI> urls = new LinkedHashMap<>(Map.of("x", BASE));
    BaseUrlDict dict = new BaseUrlDict(urls);
    urls.clear();

    assertThat(linked.publicPaths()).containsExactly(Path.of("/a"));
    assertThat(dict.values()).containsExactly(BASE);
  }

  @Test
  void invariants_are_checked() {
    assertThatThrownBy(() -> new Password("two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Password("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinkedPaths(List.of(Path.of("rel")), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BaseUrlDict(Map.of("x", URI.create("https://example.com/"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublishParameters.derive(URI.create("ftp://example.com"), "a", SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MonitorDirectoryParameters.under(Path.of("relative")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Publish(BASE, "a\nb", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
