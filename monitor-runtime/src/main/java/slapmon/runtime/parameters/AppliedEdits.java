package slapmon.runtime.parameters;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import slapmon.config.settings.ParameterLine;
import slapmon.config.settings.ParameterLine.HttpdCorsParameter;
import slapmon.runtime.log.LogText;

/**
 * What the running server takes from edited parameters: the CORS domains saved from the editor
 * (which win over {@code [httpd] cors-domains} while any is set), and the news that an htpasswd
 * file was rewritten, so that the next request reads it. Thread-safe.
 */
public final class AppliedEdits {
  private static final System.Logger LOG = System.getLogger("slapmon.parameters");

  private final Map<String, List<String>> corsByKey = new LinkedHashMap<>();
  private final List<Consumer<Path>> htpasswdListeners = new CopyOnWriteArrayList<>();
  private volatile List<String> corsDomains = List.of();

  private AppliedEdits() {}

  /**
   * The edits in force at start: the saved value ({@code prev_} file) of each {@code httpdcors}
   * parameter; a value that is not a list of host names is ignored, with a warning.
   */
  public static AppliedEdits atStart(List<ParameterLine> parameters) {
    AppliedEdits edits = new AppliedEdits();
    for (ParameterLine line : parameters) {
      if (line instanceof HttpdCorsParameter) {
        edits.corsAtStart((HttpdCorsParameter) line);
      }
    }
    return edits;
  }

  private void corsAtStart(HttpdCorsParameter line) {
    Path saved = EntryReader.previousCors(line.corsFile());
    try {
      corsApplied(line.key(), CorsDomains.parse(FileValues.read(saved)));
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          LogText.bounded("event=cors-saved-unreadable key=" + line.key() + " " + e.getMessage()));
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, LogText.bounded("event=cors-saved-ignored key=" + line.key()
          + " file=" + saved + " problem=the saved value " + e.getMessage()));
    }
  }

  /**
   * The CORS domains saved from the editor, every {@code httpdcors} key's together in order;
   * empty when none is set, and then {@code [httpd] cors-domains} applies. The same list instance
   * is returned until the next change.
   */
  public List<String> corsDomains() {
    return corsDomains;
  }

  /** Calls {@code listener} with the path of every htpasswd file an edit rewrites. */
  public void onHtpasswdWritten(Consumer<Path> listener) {
    htpasswdListeners.add(listener);
  }

  synchronized void corsApplied(String key, List<String> domains) {
    corsByKey.put(key, List.copyOf(domains));
    Set<String> all = new LinkedHashSet<>();
    corsByKey.values().forEach(all::addAll);
    corsDomains = List.copyOf(new ArrayList<>(all));
  }

  void htpasswdWritten(Path file) {
    htpasswdListeners.forEach(listener -> listener.accept(file));
  }
}
