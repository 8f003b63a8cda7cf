package slapmon.templates;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the SlapOS template installs of the stack's own promises as plugin promises, as its
 * handed-over file says: render writes no executable for a check that is a plugin, and shows in
 * the web interface the files the plugins read, as the original stack's {@code parameter-list}
 * does.
 *
 * @param files each plugin's section in today's stack ({@code monitor-httpd-promise}...) and the
 *     file the promise.plugin recipe writes for it in {@code etc/plugin}
 * @param parameterFiles each web interface parameter ({@code min-free-disk-MB}) and the file a
 *     plugin reads it from
 */
public record PluginPromises(Map<String, Path> files, Map<String, Path> parameterFiles) {
  /** None: the seed era's render writes every stack check itself. */
  public static final PluginPromises NONE = new PluginPromises(Map.of(), Map.of());

  public PluginPromises {
    files = Map.copyOf(files);
    parameterFiles = Map.copyOf(parameterFiles);
  }
}
