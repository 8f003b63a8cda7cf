package slapmon.templates;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import slapmon.config.ini.PythonText;
import slapmon.config.settings.MonitorSettings;
import slapmon.config.settings.ParameterLine;

/**
 * {@code parameter-list} of {@code monitor.conf}: the values the web interface shows and edits. The
 * defaults are the user name, the password (password file and htpasswd), the promise timeout and
 * the files the stack's plugin promises read ({@code min-free-disk-MB}, when the profile installs
 * them); then come the lines of {@code instance-configuration}, which replace a default of the same
 * key.
 * A default whose path holds white space cannot be written as a parameter line (tokens are split on
 * white space): it is left out with a warning, and the web interface cannot edit that value.
 */
final class ParameterList {
  private final List<ParameterLine> lines;

  private ParameterList(List<ParameterLine> lines) {
    this.lines = List.copyOf(lines);
  }

  static ParameterList of(
      MonitorSettings settings,
      PartitionPaths paths,
      Map<String, Path> pluginParameterFiles,
      List<String> warnings) {
    List<ParameterLine> configured = settings.instance().instanceConfiguration();
    Set<String> configuredKeys = new HashSet<>();
    configured.stream()
        .filter(line -> !(line instanceof ParameterLine.Raw))
        .forEach(line -> configuredKeys.add(line.title()));
    String user = settings.instance().username();
    List<ParameterLine> lines = new ArrayList<>();
    lines.add(new ParameterLine.Raw("monitor-user", user));
    Path htpasswd = settings.httpd().htpasswdFile();
    if (!configuredKeys.contains("monitor-password")) {
      if (writable(paths.passwordFile(), "monitor-password", warnings)
          && writable(htpasswd, "monitor-password", warnings)) {
        lines.add(
            new ParameterLine.HtpasswdParameter(
                "monitor-password", paths.passwordFile(), user, htpasswd));
      }
    }
    if (!configuredKeys.contains("promise-timeout")
        && writable(paths.promiseTimeout(), "promise-timeout", warnings)) {
      lines.add(new ParameterLine.FileParameter("promise-timeout", paths.promiseTimeout()));
    }
    new TreeMap<>(pluginParameterFiles)
        .forEach(
            (key, file) -> {
              if (!configuredKeys.contains(key) && writable(file, key, warnings)) {
                lines.add(new ParameterLine.FileParameter(key, file));
              }
            });
    lines.addAll(configured);
    return new ParameterList(lines);
  }

  /** The option's value: one line per parameter. */
  String text() {
    return String.join("\n", lines.stream().map(ParameterLine::line).toList());
  }

  /** The files the web interface writes through these parameters. */
  Set<Path> editedFiles() {
    Set<Path> files = new LinkedHashSet<>();
    for (ParameterLine line : lines) {
      if (line instanceof ParameterLine.FileParameter file) {
        files.add(file.path());
      } else if (line instanceof ParameterLine.HtpasswdParameter htpasswd) {
        files.add(htpasswd.passwordFile());
        files.add(htpasswd.htpasswdFile());
      }
    }
    return files;
  }

  private static boolean writable(Path path, String key, List<String> warnings) {
    if (path.toString().chars().anyMatch(PythonText::isSpace)) {
      warnings.add(
          "parameter-list: left out '"
              + key
              + "': its file "
              + path
              + " has white space in its path, which a parameter line cannot hold;"
              + " the web interface cannot edit it");
      return false;
    }
    return true;
  }
}
