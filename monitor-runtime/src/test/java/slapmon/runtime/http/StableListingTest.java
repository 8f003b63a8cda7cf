package slapmon.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.handlers.resource.PathResource;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A status file replaced (or a retired promise's file removed) between the moment a folder is
 * read and the moment its entries' sizes are drawn made Undertow's listing fail with 500. The
 * window is made certain here: the file goes right after the real folder listing returns.
 */
final class StableListingTest {
  @TempDir Path dir;

  @Test
  void an_entry_removed_after_the_folder_was_read_is_left_out() throws IOException {
    Files.writeString(dir.resolve("kept.status.json"), "{}");
    Path gone = Files.writeString(dir.resolve("gone.status.json"), "{}");
    PathResourceManager manager = new PathResourceManager(dir);
    Resource folder = new PathResource(dir, manager, "/") {
      @Override
      public List<Resource> list() {
        List<Resource> entries = super.list();
        try {
          Files.delete(gone);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return entries;
      }
    };

    assertThatThrownBy(() -> folder.list().forEach(Resource::getContentLength))
        .as("Undertow on its own")
        .isInstanceOf(RuntimeException.class);
    Files.writeString(gone, "{}");
    assertThat(StableListing.of(folder).list())
        .extracting(Resource::getName)
        .containsExactly("kept.status.json");
  }
}
