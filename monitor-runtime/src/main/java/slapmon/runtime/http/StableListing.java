package slapmon.runtime.http;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.util.ETag;
import io.undertow.util.MimeMappings;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A folder whose listing is taken once: each entry's date and size are read when the folder is
 * listed, and an entry that vanished in between (a status file replaced by its rename, a retired
 * promise's file) is left out instead of failing the whole listing. Unfinished atomic writes
 * ({@code .NAME.tmp-…}) are not listed.
 */
final class StableListing implements Resource {
  private static final Pattern UNFINISHED_WRITE = Pattern.compile("\\..+\\.tmp-[0-9a-f]+");

  private final Resource folder;

  private StableListing(Resource folder) {
    this.folder = folder;
  }

  /** {@code resource} itself, or its stable listing when it is a folder. */
  static Resource of(Resource resource) {
    return resource != null && resource.isDirectory() ? new StableListing(resource) : resource;
  }

  @Override
  public List<Resource> list() {
    List<Resource> entries = new ArrayList<>();
    for (Resource entry : folder.list()) {
      if (UNFINISHED_WRITE.matcher(entry.getName()).matches()) {
        continue;
      }
      try {
        entries.add(new Entry(entry.getPath(), entry.getName(), entry.isDirectory(),
            entry.getLastModified(), entry.isDirectory() ? null : entry.getContentLength(), entry));
      } catch (RuntimeException vanished) {
        // Undertow wraps the NoSuchFileException of an entry removed since the folder was read.
      }
    }
    return entries;
  }

  @Override
  public String getPath() {
    return folder.getPath();
  }

  @Override
  public Date getLastModified() {
    return folder.getLastModified();
  }

  @Override
  public String getLastModifiedString() {
    return folder.getLastModifiedString();
  }

  @Override
  public ETag getETag() {
    return folder.getETag();
  }

  @Override
  public String getName() {
    return folder.getName();
  }

  @Override
  public boolean isDirectory() {
    return true;
  }

  @Override
  public String getContentType(MimeMappings mimeMappings) {
    return folder.getContentType(mimeMappings);
  }

  @Override
  public void serve(Sender sender, HttpServerExchange exchange, IoCallback completionCallback) {
    folder.serve(sender, exchange, completionCallback);
  }

  @Override
  public Long getContentLength() {
    return folder.getContentLength();
  }

  @Override
  public String getCacheKey() {
    return folder.getCacheKey();
  }

  @Override
  public File getFile() {
    return folder.getFile();
  }

  @Override
  public Path getFilePath() {
    return folder.getFilePath();
  }

  @Override
  public File getResourceManagerRoot() {
    return folder.getResourceManagerRoot();
  }

  @Override
  public Path getResourceManagerRootPath() {
    return folder.getResourceManagerRootPath();
  }

  @Override
  public URL getUrl() {
    return folder.getUrl();
  }

  /** One listed entry, as it was when the folder was listed; only its listing row is ever drawn. */
  private record Entry(
      String path, String name, boolean directory, Date lastModified, Long length, Resource live)
      implements Resource {
    @Override
    public String getPath() {
      return path;
    }

    @Override
    public Date getLastModified() {
      return lastModified;
    }

    @Override
    public String getLastModifiedString() {
      return live.getLastModifiedString();
    }

    @Override
    public ETag getETag() {
      return live.getETag();
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isDirectory() {
      return directory;
    }

    @Override
    public List<Resource> list() {
      return live.list();
    }

    @Override
    public String getContentType(MimeMappings mimeMappings) {
      return live.getContentType(mimeMappings);
    }

    @Override
    public void serve(Sender sender, HttpServerExchange exchange, IoCallback completionCallback) {
      live.serve(sender, exchange, completionCallback);
    }

    @Override
    public Long getContentLength() {
      return length;
    }

    @Override
    public String getCacheKey() {
      return live.getCacheKey();
    }

    @Override
    public File getFile() {
      return live.getFile();
    }

    @Override
    public Path getFilePath() {
      return live.getFilePath();
    }

    @Override
    public File getResourceManagerRoot() {
      return live.getResourceManagerRoot();
    }

    @Override
    public Path getResourceManagerRootPath() {
      return live.getResourceManagerRootPath();
    }

    @Override
    public URL getUrl() {
      return live.getUrl();
    }
  }
}
